// Key files (PEM, JWK or JWKS JSON), read once and kept in memory. A file is
// stat'ed again at most once per check interval and re-read when its mtime,
// ctime, size or inode changed (a Kubernetes Secret update swaps a symlink,
// which changes the inode): polling, because fs.watch misses those swaps.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { shareInFlight } from '../engine/cache/in-flight.js';
import type { MaybePromise } from '../engine/types.js';

interface Loaded {
  text: string;
  version: string;
  checkedAt: number;
  checking?: Promise<string> | undefined;
}

export interface KeyFileOptions {
  /** Minimum time between two checks of one file, in ms. Default 5000; 0 checks on every use. */
  readonly checkIntervalMs?: number;
  /** A re-read that failed: the previous content stays in use. */
  readonly onReloadError?: (path: string, error: Error) => void;
  /** Monotonic clock in ms (performance.now by default). */
  readonly clock?: () => number;
}

export class KeyFiles {
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<string>>();
  private readonly interval: number;
  private readonly clock: () => number;

  constructor(private readonly options: KeyFileOptions = {}) {
    this.interval = options.checkIntervalMs ?? 5000;
    this.clock = options.clock ?? (() => performance.now());
  }

  /** The file's text: synchronous while fresh; a failed first read is not remembered. */
  read(path: string): MaybePromise<string> {
    const absolute = resolve(path);
    const file = this.loaded.get(absolute);
    if (!file) return this.load(absolute);
    if (this.clock() - file.checkedAt < this.interval) return file.text;
    return (file.checking ??= this.check(absolute, file));
  }

  private load(path: string): Promise<string> {
    return shareInFlight(this.loading, path, () =>
      readVersioned(path).then(({ text, version }) => {
        this.loaded.set(path, { text, version, checkedAt: this.clock() });
        return text;
      }),
    );
  }

  private async check(path: string, file: Loaded): Promise<string> {
    try {
      if ((await version(path)) !== file.version) Object.assign(file, await readVersioned(path));
    } catch (error) {
      this.options.onReloadError?.(path, error as Error);
    } finally {
      file.checkedAt = this.clock();
      file.checking = undefined;
    }
    return file.text;
  }
}

// Stat before reading: a change in between shows at the next check.
async function readVersioned(path: string): Promise<{ text: string; version: string }> {
  const before = await version(path);
  return { version: before, text: await readFile(path, 'utf8') };
}

async function version(path: string): Promise<string> {
  const { mtimeMs, ctimeMs, size, ino } = await stat(path);
  return `${mtimeMs}:${ctimeMs}:${size}:${ino}`;
}
