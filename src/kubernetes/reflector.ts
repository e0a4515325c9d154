// List, then watch, one kind of object through the Kubernetes API, and never go
// stale silently. The library's informer stops for good on a watch error other
// than 410 Gone (and Kyverno served a stale cache after exactly that,
// kyverno/kyverno#15626), so this loop is ours:
// - any error (list, watch, decode, a Status event) restarts the loop after a
//   backoff with full jitter, doubling up to a ceiling, reset by a good list;
// - a watch that ends normally resumes from the last resourceVersion seen;
//   410 Gone (or any error) relists;
// - each watch asks the server to end it after 80% of `quietMs` (at most 4
//   minutes) and the loop resumes it, so a healthy watch always ends before
//   the watchdog, which relists when one watch brought nothing (not even a
//   bookmark) for `quietMs`: a half-open TCP connection otherwise looks like a
//   quiet cluster. An idle API server sends no bookmarks (apiextensions-apiserver
//   v0.37 on etcd 3.4 sent none in 150 s), so the server timeout is what keeps
//   a quiet cluster from looking dead;
// - until the first complete list the kind is not synced (readiness), and
//   after it the last complete view stays in force whatever the API server does.
import type { Logger } from '../runtime/logger.js';

export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly resourceVersion?: string;
    readonly generation?: number;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly spec?: unknown;
  readonly status?: unknown;
}

export interface ListResult {
  readonly items: readonly KubeObject[];
  readonly resourceVersion: string;
}

/** What the reflector needs from the API: a list and a watch of one resource. */
export interface ResourceApi {
  /** Human name for logs and errors, e.g. `authorizationpolicies.kgate.dev`. */
  readonly resource: string;
  list(signal: AbortSignal): Promise<ListResult>;
  /**
   * Watches from `resourceVersion`; `onEvent` gets each event; the promise resolves with
   * a handle to abort, and `done` is called exactly once when the watch ends (error or not).
   */
  watch(
    resourceVersion: string,
    timeoutSeconds: number,
    onEvent: (type: string, object: unknown) => void,
    done: (error: unknown) => void,
  ): Promise<{ abort(): void }>;
}

export interface ReflectorOptions {
  readonly api: ResourceApi;
  readonly logger: Logger;
  /** The whole view after each list, and after each watch event. */
  readonly onChange: (objects: ReadonlyMap<string, KubeObject>) => void;
  /** Relist when no event or bookmark arrived for this long (default 5 minutes). */
  readonly quietMs?: number;
  /** First backoff after an error (default 200 ms); doubles to maxBackoffMs (default 30 s). */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A list that has not answered within this counts as an error (default 30 s). */
  readonly listTimeoutMs?: number;
  readonly random?: () => number;
}

export interface ReflectorStats {
  readonly synced: boolean;
  /** Wall-clock ms of the last sign of life: a list, a watch event or bookmark, a watch the server ended normally; 0 before any. */
  readonly lastEventAt: number;
  /** Loop restarts after an error or a quiet watch. */
  readonly restarts: number;
  /** Restarts since the last successful list: > 0 means the view may be stale. */
  readonly failing: number;
  readonly objects: number;
}

class StopError extends Error {}

export class Reflector {
  private readonly objects = new Map<string, KubeObject>();
  private synced = false;
  private lastEventAt = 0;
  private restarts = 0;
  private failing = 0;
  private stopped = false;
  private wake: (() => void) | undefined;
  private current: { abort(): void } | undefined;
  private listAbort: AbortController | undefined;
  private running: Promise<void> | undefined;
  private readonly logger: Logger;

  constructor(private readonly options: ReflectorOptions) {
    this.logger = options.logger.child({ component: 'kubernetes', resource: options.api.resource });
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.abort();
    this.listAbort?.abort();
    this.wake?.();
    await this.running;
  }

  stats(): ReflectorStats {
    return { synced: this.synced, lastEventAt: this.lastEventAt, restarts: this.restarts, failing: this.failing, objects: this.objects.size };
  }

  private async loop(): Promise<void> {
    let backoff = this.options.minBackoffMs ?? 200;
    while (!this.stopped) {
      try {
        const resourceVersion = await this.list();
        backoff = this.options.minBackoffMs ?? 200;
        this.failing = 0;
        await this.watchFrom(resourceVersion);
      } catch (error) {
        if (this.stopped || error instanceof StopError) break;
        this.restarts++;
        this.failing++;
        const max = this.options.maxBackoffMs ?? 30_000;
        const delay = Math.round((this.options.random ?? Math.random)() * backoff);
        this.logger.warn(
          { reason: reasonOf(error), retryInMs: delay, restarts: this.restarts, synced: this.synced },
          this.synced ? 'watch failed: the last complete view stays in force; relisting after a backoff' : 'list failed: not ready until a list succeeds',
        );
        backoff = Math.min(max, backoff * 2);
        await this.sleep(delay);
      }
    }
  }

  private async list(): Promise<string> {
    const timeoutMs = this.options.listTimeoutMs ?? 30_000;
    this.listAbort = new AbortController();
    const abort = this.listAbort;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`list of ${this.options.api.resource} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const result = await Promise.race([this.options.api.list(abort.signal), timeout]);
      if (this.stopped) throw new StopError();
      this.objects.clear();
      for (const item of result.items) this.objects.set(keyOf(item), item);
      this.lastEventAt = Date.now();
      const first = !this.synced;
      this.synced = true;
      this.options.onChange(this.objects);
      this.logger[first ? 'info' : 'debug']({ objects: this.objects.size, resourceVersion: result.resourceVersion }, 'listed');
      return result.resourceVersion;
    } finally {
      clearTimeout(timer);
      this.listAbort = undefined;
    }
  }

  /** Resolves when the watch ended normally (resume), rejects on an error (relist). */
  private async watchFrom(startVersion: string): Promise<void> {
    let resourceVersion = startVersion;
    const quietMs = this.options.quietMs ?? 300_000;
    while (!this.stopped) {
      const ended = await new Promise<unknown>((resolve) => {
        let quiet: NodeJS.Timeout | undefined;
        let settled = false;
        const finish = (error: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(quiet);
          this.wake = undefined;
          resolve(error);
        };
        const arm = () => {
          clearTimeout(quiet);
          quiet = setTimeout(() => {
            finish(new Error(`no watch event or bookmark for ${quietMs} ms: relisting in case the connection is dead`));
            this.current?.abort();
          }, quietMs);
        };
        this.wake = () => finish(new StopError());
        arm();
        const onEvent = (type: string, object: unknown) => {
          if (settled) return;
          arm();
          try {
            const next = this.apply(type, object);
            if (next) resourceVersion = next;
          } catch (error) {
            finish(error);
            this.current?.abort();
          }
        };
        const timeoutSeconds = Math.max(1, Math.min(240, Math.floor((quietMs * 0.8) / 1000)));
        this.options.api
          .watch(resourceVersion, timeoutSeconds, onEvent, (error) => finish(error ?? null))
          .then(
            (handle) => {
              this.current = handle;
              if (settled) handle.abort();
            },
            (error: unknown) => finish(error),
          );
      });
      this.current = undefined;
      if (ended instanceof StopError || this.stopped) throw new StopError();
      if (ended !== null) throw ended;
      // The server closed the watch (the timeout asked for): the connection was alive; resume where it ended.
      this.lastEventAt = Date.now();
    }
  }

  /** One watch event; returns the resourceVersion to resume from. */
  private apply(type: string, object: unknown): string | undefined {
    this.lastEventAt = Date.now();
    if (type === 'ERROR') {
      const status = object as { code?: number; reason?: string; message?: string } | undefined;
      throw new Error(`watch error ${status?.code ?? ''} ${status?.reason ?? ''}: ${status?.message ?? JSON.stringify(object)}`.replace(/\s+/g, ' '));
    }
    const item = object as KubeObject;
    if (!item?.metadata || typeof item.metadata.name !== 'string') throw new Error(`watch event ${type} without metadata.name`);
    const version = item.metadata.resourceVersion;
    if (type === 'BOOKMARK') return version;
    if (type === 'ADDED' || type === 'MODIFIED') this.objects.set(keyOf(item), item);
    else if (type === 'DELETED') this.objects.delete(keyOf(item));
    else throw new Error(`unknown watch event type ${type}`);
    this.options.onChange(this.objects);
    return version;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

export function keyOf(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown; statusCode?: unknown }).code ?? (error as { statusCode?: unknown }).statusCode;
    return code === undefined ? error.message : `${error.message} (${String(code)})`;
  }
  return String(error);
}
