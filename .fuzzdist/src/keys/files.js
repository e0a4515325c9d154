// Key files (PEM, JWK or JWKS JSON), read once and kept in memory. A file is
// stat'ed again at most once per check interval and re-read when its mtime,
// ctime, size or inode changed (a Kubernetes Secret update swaps a symlink,
// which changes the inode): polling, because fs.watch misses those swaps.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { shareInFlight } from '../engine/cache/in-flight.js';
export class KeyFiles {
    options;
    loaded = new Map();
    loading = new Map();
    interval;
    clock;
    constructor(options = {}) {
        this.options = options;
        this.interval = options.checkIntervalMs ?? 5000;
        this.clock = options.clock ?? (() => performance.now());
    }
    /** The file's text: synchronous while fresh; a failed first read is not remembered. */
    read(path) {
        const absolute = resolve(path);
        const file = this.loaded.get(absolute);
        if (!file)
            return this.load(absolute);
        if (this.clock() - file.checkedAt < this.interval)
            return file.text;
        return (file.checking ??= this.check(absolute, file));
    }
    load(path) {
        return shareInFlight(this.loading, path, () => readVersioned(path).then(({ text, version }) => {
            this.loaded.set(path, { text, version, checkedAt: this.clock() });
            return text;
        }));
    }
    async check(path, file) {
        try {
            if ((await version(path)) !== file.version)
                Object.assign(file, await readVersioned(path));
        }
        catch (error) {
            this.options.onReloadError?.(path, error);
        }
        finally {
            file.checkedAt = this.clock();
            file.checking = undefined;
        }
        return file.text;
    }
}
// Stat before reading: a change in between shows at the next check.
async function readVersioned(path) {
    const before = await version(path);
    return { version: before, text: await readFile(path, 'utf8') };
}
async function version(path) {
    const { mtimeMs, ctimeMs, size, ino } = await stat(path);
    return `${mtimeMs}:${ctimeMs}:${size}:${ino}`;
}
//# sourceMappingURL=files.js.map