// Policies from `--policy` files and folders, kept in the store and live:
// an edit is in force within a second, a broken edit is refused (the file's
// last valid policies stay), a file deleted or emptied for longer than the
// removal grace takes its policies with it. Shorter absences are what
// `cmd > policy.yaml` (truncate, then write) and delete-then-recreate look
// like from here: honouring them would fail open until the write lands.
//
// A file is parsed (off the main thread when large), compiled a slice at a
// time and probed (one dry evaluation) while Checks keep being answered by
// the policies in force; its policies replace the old ones in one swap,
// once all of them compiled.
import { existsSync, readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PolicyError, type Compilers, errorText } from '../engine/types.js';
import { compileDocuments, compilePolicies } from '../engine/policy/load.js';
import type { CompiledPolicy } from '../engine/policy/policy.js';
import { probePolicy } from '../engine/policy/probe.js';
import { runSliced } from '../engine/policy/steps.js';
import { parsePolicyText } from './parse.js';
import { listPolicyFiles } from './files.js';
import type { Logger } from '../runtime/logger.js';
import type { PolicyStore } from './store.js';

export interface PolicyFilesOptions {
  readonly paths: readonly string[];
  readonly compilers: Compilers;
  readonly store: PolicyStore;
  readonly logger: Logger;
  /** Counts refused loads (authz/metrics.ts serves the count). */
  readonly metrics: { loadError(): void };
  /** Quiet time after the last file event before reloading: editors write in several steps. */
  readonly debounceMs?: number;
  /** How long a file that had policies may be gone or empty before that counts as a deliberate removal. */
  readonly removalGraceMs?: number;
  /**
   * The decision time box: each policy is dry-evaluated once at load; one
   * that takes longer is refused, one that takes over half of it is warned
   * about. Without it, no probe.
   */
  readonly decisionTimeoutMs?: number;
  /** 'sliced' (serve): compile yielding to the event loop; 'now' (CLI): in one go. Default 'sliced'. */
  readonly compile?: 'sliced' | 'now';
}

const DEFAULT_REMOVAL_GRACE_MS = 5000;

/** The files of the `--policy` paths could not all be loaded at start: nothing valid to fall back on. */
export class PolicyLoadError extends Error {
  constructor(readonly failures: readonly string[]) {
    super(`cannot load policies:\n  ${failures.join('\n  ')}`);
    this.name = 'PolicyLoadError';
  }
}

export class PolicyFiles {
  /** Last text seen per file (valid or not): an unchanged file is not recompiled or re-reported. */
  private readonly seen = new Map<string, string>();
  private readonly watchers = new Map<string, FSWatcher>();
  private watching = false;
  private timer: NodeJS.Timeout | undefined;
  /** Files whose policies are in force while the file is gone or empty: since when. */
  private readonly absent = new Map<string, number>();
  private graceTimer: NodeJS.Timeout | undefined;
  /** One sync at a time: the one running (or done), and the one queued behind it. */
  private running: Promise<unknown> = Promise.resolve();
  private queued: Promise<string[]> | undefined;
  private closed = false;

  constructor(private readonly options: PolicyFilesOptions) {}

  /** The initial load: every file must compile (rejects with PolicyLoadError listing each failure). */
  async load(): Promise<void> {
    const missing = this.options.paths.filter((path) => !existsSync(path)).map((path) => `${path}: no such file or folder`);
    if (missing.length > 0) throw new PolicyLoadError(missing);
    const failures = await this.requestSync();
    if (failures.length > 0) throw new PolicyLoadError(failures);
  }

  /**
   * Watches the folder of every file path and every folder under a folder
   * path, one non-recursive watcher each: Node 20's recursive watch on Linux
   * misses a file that an editor replaced by renaming another one over it.
   */
  watch(): void {
    this.watching = true;
    this.refreshWatchers();
  }

  close(): void {
    this.closed = true;
    this.watching = false;
    clearTimeout(this.timer);
    clearTimeout(this.graceTimer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private refreshWatchers(): void {
    const folders = new Set(this.options.paths.flatMap(foldersOf));
    for (const [folder, watcher] of this.watchers) {
      if (folders.has(folder)) continue;
      watcher.close();
      this.watchers.delete(folder);
    }
    for (const folder of folders) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, () => this.schedule());
        watcher.on('error', (error) => this.options.logger.warn({ err: error, folder }, 'stopped watching a policy folder'));
        this.watchers.set(folder, watcher);
      } catch (error) {
        this.options.logger.error({ err: error, folder }, 'cannot watch a policy folder; edits there are not picked up');
      }
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.requestSync().then(() => {
        if (this.watching) this.refreshWatchers();
      });
    }, this.options.debounceMs ?? 100);
  }

  /** A sync after the one running; requests made before it starts share it. */
  private requestSync(): Promise<string[]> {
    if (this.queued) return this.queued;
    const next = this.running.then(() => {
      this.queued = undefined;
      return this.sync();
    });
    this.queued = next;
    this.running = next.catch((error: unknown) => this.options.logger.error({ err: error }, 'policy files could not be synced'));
    return next;
  }

  /** Brings the store in line with the files on disk; returns one line per file refused. */
  private async sync(): Promise<string[]> {
    if (this.closed) return [];
    const current = this.currentFiles();
    for (const file of new Set([...this.seen.keys(), ...this.absent.keys()])) {
      if (!current.has(file)) this.gone(file, 'deleted');
    }
    const failures: string[] = [];
    for (const file of current) {
      const failure = await this.reload(file);
      if (failure) failures.push(failure);
    }
    this.expireAbsent();
    return failures;
  }

  private inForce(file: string): boolean {
    return this.options.store.policiesOf({ kind: 'file', path: file }) !== undefined;
  }

  private get graceMs(): number {
    return this.options.removalGraceMs ?? DEFAULT_REMOVAL_GRACE_MS;
  }

  /** A file deleted or holding no policy: its last valid policies stay for the grace period. */
  private gone(file: string, how: 'deleted' | 'empty'): void {
    if (how === 'deleted') this.seen.delete(file);
    if (!this.inForce(file) || this.absent.has(file)) return;
    this.absent.set(file, Date.now());
    this.options.logger.warn(
      { file, graceMs: this.graceMs },
      `policy file ${how}: its last valid policies stay in force until it holds policies again or the grace period ends`,
    );
    this.armGraceTimer();
  }

  private armGraceTimer(): void {
    if (this.graceTimer !== undefined || this.absent.size === 0) return;
    const first = Math.min(...this.absent.values());
    this.graceTimer = setTimeout(
      () => {
        this.graceTimer = undefined;
        void this.requestSync();
      },
      Math.max(0, first + this.graceMs - Date.now()),
    );
    this.graceTimer.unref();
  }

  /** Absences older than the grace period are deliberate removals. */
  private expireAbsent(): void {
    const now = Date.now();
    for (const [file, since] of this.absent) {
      if (now - since < this.graceMs) continue;
      this.absent.delete(file);
      this.options.store.removeFile(file);
      this.options.logger.warn({ file, absentMs: now - since }, 'policy file removed: its policies are no longer enforced');
    }
    this.armGraceTimer();
  }

  private currentFiles(): Set<string> {
    const files = new Set<string>();
    for (const path of this.options.paths) {
      try {
        for (const file of listPolicyFiles(path)) files.add(resolve(file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return files;
  }

  private async reload(file: string): Promise<string | undefined> {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return void this.gone(file, 'deleted');
      throw error;
    }
    if (this.seen.get(file) === text) return undefined;
    this.seen.set(file, text);
    const { logger, store } = this.options;
    try {
      const policies = await this.compile(text, file);
      if (this.closed) return undefined;
      if (policies.length === 0 && this.inForce(file)) return void this.gone(file, 'empty');
      this.absent.delete(file);
      store.replaceFile(file, policies);
      logger.info({ file, policies: policies.map((p) => p.id) }, 'policy file loaded');
      this.warnDuplicates(file);
      return undefined;
    } catch (error) {
      this.options.metrics.loadError();
      // Something is being written: a broken edit, never a removal (the last valid version stays as for any refusal).
      this.absent.delete(file);
      const where =
        error instanceof PolicyError
          ? { document: error.document === undefined ? undefined : error.document + 1, path: error.path, reason: error.reason }
          : { reason: String(error) };
      const lastValidInForce = this.inForce(file);
      logger.error({ file, ...where, lastValidInForce }, 'policy file refused');
      return errorText(error);
    }
  }

  /** Parsed, compiled and probed; nothing is in force until all of it is done. */
  private async compile(text: string, file: string): Promise<CompiledPolicy[]> {
    const { compilers, decisionTimeoutMs: timeBoxMs, logger } = this.options;
    if (this.options.compile === 'now') return compilePolicies(text, file, compilers);
    const policies = await runSliced(compileDocuments(await parsePolicyText(text, file), file, compilers));
    if (timeBoxMs === undefined) return policies;
    for (const policy of policies) {
      const ms = Math.round(await runSliced(probePolicy(policy, timeBoxMs)));
      const details = { file, policy: policy.id, probeMs: ms, decisionTimeoutMs: timeBoxMs };
      // Reported, not refused: the time box and the failurePolicy decide such Checks (a late decision is an evaluation error).
      if (ms > timeBoxMs) {
        logger.error(
          details,
          'policy cannot be decided within the decision time box: one evaluation of a plain GET / took longer; every Check it applies to will be an evaluation error (split the policy or raise --decision-timeout)',
        );
      } else if (ms > timeBoxMs / 2) {
        logger.warn(details, 'policy is slow: one evaluation of a plain GET / takes over half the decision time box; under load its Checks may exceed it');
      }
    }
    return policies;
  }

  private warnDuplicates(file: string): void {
    const { store } = this.options;
    const mine = new Set((store.policiesOf({ kind: 'file', path: file }) ?? []).map((p) => p.id));
    for (const [source, policies] of store.entries()) {
      if (source.kind === 'file' && source.path === file) continue;
      for (const policy of policies) {
        if (mine.has(policy.id))
          this.options.logger.warn({ file, policy: policy.id, other: policy.source }, 'policy id defined twice: only one of them is evaluated');
      }
    }
  }
}

/** The folders to watch for a `--policy` path: its own folder for a file, itself and every folder below for a folder. */
function foldersOf(path: string): string[] {
  try {
    if (!statSync(path).isDirectory()) return [resolve(dirname(path))];
  } catch {
    return [resolve(dirname(path))];
  }
  const below = readdirSync(path, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory());
  return [resolve(path), ...below.map((entry) => resolve(entry.parentPath, entry.name))];
}
