// The extension resources Envoy Gateway last sent with each xds listener,
// kept in a file so a restarted kgate enforces them before EG's next
// translation (EG calls the hook only when it translates, which a kgate
// restart does not cause).
//
// Written off the hook call: EG calls once per listener per translation, so a
// synchronous rewrite of the whole file per call would block Checks with
// O(listeners²) bytes per translation. Writes are coalesced (the latest state
// wins) and atomic (temp file, then rename), so the file is never torn.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { errorText } from '../engine/types.js';

const VERSION = 1;

interface StateFile {
  readonly version: number;
  /** xds listener name (or `route:<xds route>`) → the JSON text of each extension resource. */
  readonly listeners: Record<string, string[]>;
  /**
   * xds route → the xds listeners of the translation that last carried it, so a restarted
   * kgate still retires a route a later translation of those listeners drops (absent in
   * files written before it: those routes stay until a translation carries them again).
   */
  readonly routes?: Record<string, string[]>;
}

export class HookState {
  private readonly listeners = new Map<string, string[]>();
  private readonly routeListeners = new Map<string, string[]>();

  constructor(
    private readonly path: string,
    private readonly logger: Logger,
  ) {}

  /**
   * The resources per listener saved by a previous run. A missing file is a
   * first start; an unreadable one is logged and ignored (those listeners stay
   * unknown, so their Checks are refused until EG calls again).
   */
  load(): ReadonlyMap<string, Uint8Array[]> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.error({ err: error, path: this.path }, 'cannot read the hook state file');
      return new Map();
    }
    try {
      const state = JSON.parse(text) as StateFile;
      if (state.version !== VERSION || typeof state.listeners !== 'object' || state.listeners === null)
        throw new Error(`unsupported state version ${String(state.version)}`);
      for (const [listener, resources] of Object.entries(state.listeners)) {
        if (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string')) throw new Error(`listener ${listener}: resources must be strings`);
        this.listeners.set(listener, resources);
      }
      for (const [route, listeners] of Object.entries(state.routes ?? {})) {
        if (!Array.isArray(listeners) || !listeners.every((l) => typeof l === 'string')) throw new Error(`route ${route}: listeners must be strings`);
        this.routeListeners.set(route, listeners);
      }
    } catch (error) {
      this.logger.error({ path: this.path, reason: errorText(error) }, 'hook state file ignored: not a kgate hook state');
      this.listeners.clear();
      this.routeListeners.clear();
    }
    const encoder = new TextEncoder();
    return new Map([...this.listeners].map(([listener, resources]) => [listener, resources.map((r) => encoder.encode(r))]));
  }

  /** Records what EG sent with a listener; the file follows soon after, in one write for any number of calls. */
  save(listener: string, resources: readonly Uint8Array[]): void {
    const decoder = new TextDecoder();
    this.listeners.set(
      listener,
      resources.map((r) => decoder.decode(r)),
    );
    this.changed();
  }

  private changed(): void {
    this.dirty = true;
    this.writing ??= this.writeWhileDirty();
  }

  /** Forgets a listener (or `route:` key) and its resources. */
  remove(key: string): void {
    if (!this.listeners.delete(key)) return;
    this.changed();
  }

  /** The xds listeners of each route's last translation, as loaded by load() and kept by saveRouteListeners(). */
  routes(): ReadonlyMap<string, readonly string[]> {
    return this.routeListeners;
  }

  /** Records the xds listeners of the translation that carried a route; undefined forgets the route. */
  saveRouteListeners(route: string, listeners: readonly string[] | undefined): void {
    if (listeners === undefined) {
      if (!this.routeListeners.delete(route)) return;
    } else {
      const old = this.routeListeners.get(route);
      if (old && old.length === listeners.length && old.every((l, i) => l === listeners[i])) return;
      this.routeListeners.set(route, [...listeners]);
    }
    this.changed();
  }

  /** Resolves once everything saved so far is on disk (for shutdown). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private dirty = false;
  private writing: Promise<void> | undefined;

  private async writeWhileDirty(): Promise<void> {
    // Let the calls of one translation land first: they arrive back to back.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.dirty) {
        this.dirty = false;
        const routes = this.routeListeners.size > 0 ? { routes: Object.fromEntries(this.routeListeners) } : {};
        await this.write(JSON.stringify({ version: VERSION, listeners: Object.fromEntries(this.listeners), ...routes } satisfies StateFile));
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async write(text: string): Promise<void> {
    const temp = `${this.path}.tmp`;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(temp, text);
      await rename(temp, this.path);
    } catch (error) {
      // The hook still answers: enforcement works until the next restart.
      this.logger.error({ err: error, path: this.path }, 'cannot write the hook state file; a restart will not know the latest listeners');
    }
  }
}
