import assert from 'node:assert/strict';
import { mkdtemp, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { KeyFiles } from '../../src/keys/files.js';
let dir = '';
before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kgate-keys-'));
});
after(async () => {
    await rm(dir, { recursive: true, force: true });
});
/** A clock the test moves, for the check interval. */
function manualClock() {
    const clock = { now: 0, read: () => clock.now };
    return clock;
}
test('a key file is read once, then served from memory synchronously', async () => {
    const path = join(dir, 'once.pem');
    await writeFile(path, 'first');
    const files = new KeyFiles({ checkIntervalMs: 60_000 });
    const first = files.read(path);
    assert.ok(first instanceof Promise);
    assert.equal(await first, 'first');
    await writeFile(path, 'second');
    assert.equal(files.read(path), 'first', 'within the check interval the file is not looked at');
});
test('a changed file is re-read at the first use after the check interval', async () => {
    const path = join(dir, 'changing.pem');
    await writeFile(path, 'v1');
    const clock = manualClock();
    const files = new KeyFiles({ checkIntervalMs: 1000, clock: clock.read });
    assert.equal(await files.read(path), 'v1');
    await writeFile(path, 'v2 longer');
    clock.now = 999;
    assert.equal(files.read(path), 'v1');
    clock.now = 1000;
    assert.equal(await files.read(path), 'v2 longer');
    assert.equal(files.read(path), 'v2 longer');
});
test('a file swapped in by rename is seen even with the same size and mtime', async () => {
    const path = join(dir, 'swapped.pem');
    const staged = join(dir, 'staged.pem');
    await writeFile(path, 'old-key');
    const files = new KeyFiles({ checkIntervalMs: 0 });
    assert.equal(await files.read(path), 'old-key');
    const { atime, mtime } = await stat(path);
    await writeFile(staged, 'new-key');
    await utimes(staged, atime, mtime);
    await rename(staged, path);
    assert.equal(await files.read(path), 'new-key');
});
test('a missing file is an error, and not remembered', async () => {
    const path = join(dir, 'later.pem');
    const files = new KeyFiles();
    await assert.rejects(async () => files.read(path), /ENOENT/);
    await writeFile(path, 'now here');
    assert.equal(await files.read(path), 'now here');
});
test('a file that disappears keeps its last content, and the failure is reported', async () => {
    const path = join(dir, 'vanishing.pem');
    await writeFile(path, 'kept');
    const failures = [];
    const files = new KeyFiles({ checkIntervalMs: 0, onReloadError: (file, error) => failures.push(`${file}: ${error.message}`) });
    assert.equal(await files.read(path), 'kept');
    await rm(path);
    assert.equal(await files.read(path), 'kept');
    assert.equal(failures.length, 1);
    assert.match(failures[0], /vanishing\.pem: ENOENT/);
});
test('concurrent first reads share one read; relative paths resolve against the working directory', async () => {
    const path = join(dir, 'shared.pem');
    await writeFile(path, 'shared');
    const files = new KeyFiles();
    const [a, b] = [files.read(path), files.read(relative(process.cwd(), path))];
    assert.equal(a, b);
    assert.equal(await a, 'shared');
});
//# sourceMappingURL=files.test.js.map