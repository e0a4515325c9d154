// Policies from `--policy` files and folders, kept in the store and live:
// an edit is in force within a second, a broken edit is refused (the file's
// last valid policies stay), a deleted file takes its policies with it.
import { existsSync, readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PolicyError, type Compilers } from '../engine/types.js';
import { compilePolicies } from '../engine/policy/load.js';
import { listPolicyFiles } from '../policies/files.js';
import type { Logger } from '../runtime/logger.js';
import type { Metrics } from './metrics.js';
import { FILE_SOURCE, type PolicyStore } from './store.js';

export interface PolicyFilesOptions {
  readonly paths: readonly string[];
  readonly compilers: Compilers;
  readonly store: PolicyStore;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Quiet time after the last file event before reloading: editors write in several steps. */
  readonly debounceMs?: number;
}

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

  constructor(private readonly options: PolicyFilesOptions) {}

  /** The initial load: every file must compile (throws PolicyLoadError listing each failure). */
  load(): void {
    const missing = this.options.paths.filter((path) => !existsSync(path)).map((path) => `${path}: no such file or folder`);
    if (missing.length > 0) throw new PolicyLoadError(missing);
    const failures = this.sync();
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
    this.watching = false;
    clearTimeout(this.timer);
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
      this.sync();
      if (this.watching) this.refreshWatchers();
    }, this.options.debounceMs ?? 100);
  }

  /** Brings the store in line with the files on disk; returns one line per file refused. */
  private sync(): string[] {
    const current = this.currentFiles();
    for (const file of this.seen.keys()) {
      if (!current.has(file)) this.remove(file);
    }
    const failures: string[] = [];
    for (const file of current) {
      const failure = this.reload(file);
      if (failure) failures.push(failure);
    }
    return failures;
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

  private remove(file: string): void {
    this.seen.delete(file);
    this.options.store.replace(FILE_SOURCE + file, []);
    this.options.logger.warn({ file }, 'policy file removed: its policies are no longer enforced');
  }

  private reload(file: string): string | undefined {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return void this.remove(file);
      throw error;
    }
    if (this.seen.get(file) === text) return undefined;
    this.seen.set(file, text);
    const { logger, store } = this.options;
    try {
      const policies = compilePolicies(text, file, this.options.compilers);
      store.replace(FILE_SOURCE + file, policies);
      logger.info({ file, policies: policies.map((p) => p.id) }, 'policy file loaded');
      this.warnDuplicates(file);
      return undefined;
    } catch (error) {
      this.options.metrics.loadError();
      const where = error instanceof PolicyError ? { document: error.document === undefined ? undefined : error.document + 1, path: error.path, reason: error.reason } : { reason: String(error) };
      const lastValidInForce = store.sources().has(FILE_SOURCE + file);
      logger.error({ file, ...where, lastValidInForce }, 'policy file refused');
      return error instanceof Error ? error.message : String(error);
    }
  }

  private warnDuplicates(file: string): void {
    const mine = new Set((this.options.store.sources().get(FILE_SOURCE + file) ?? []).map((p) => p.id));
    for (const [source, policies] of this.options.store.sources()) {
      if (source === FILE_SOURCE + file) continue;
      for (const policy of policies) {
        if (mine.has(policy.id)) this.options.logger.warn({ file, policy: policy.id, other: policy.source }, 'policy id defined twice: only one of them is evaluated');
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
