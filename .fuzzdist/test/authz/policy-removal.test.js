// A policy file that goes from policies to none, or disappears and comes back,
// must not open a fail-open window: `cmd > policy.yaml` truncates before it
// writes, and some tools delete before they recreate.
import assert from 'node:assert/strict';
import { closeSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BOOKS, HOSTS } from './support/policies-text.js';
import { GUEST_TOKEN, envoyCheck, eventually, grpcCheck, startInProcess, tempDir, writeFiles } from './support/server.js';
const guestPostAllowed = async (s) => (await grpcCheck(s.addresses.grpc, envoyCheck('POST', '/book', GUEST_TOKEN))).status?.code === 0;
describe('policy files: truncate-then-write and delete-then-recreate (default grace)', () => {
    let s;
    let dir = '';
    before(async () => {
        dir = tempDir('removal');
        writeFiles(dir, { 'books.yaml': BOOKS });
        s = await startInProcess({ policyPaths: [dir] });
    });
    after(() => s.server.close());
    it('never allows a guest POST while the file is rewritten slowly or recreated', async () => {
        const file = join(dir, 'books.yaml');
        let running = true;
        let sent = 0;
        let allowed = 0;
        const stream = (async () => {
            while (running) {
                sent++;
                if (await guestPostAllowed(s))
                    allowed++;
            }
        })();
        for (let round = 0; round < 2; round++) {
            const fd = openSync(file, 'w'); // truncated, as the shell does before slow_cmd writes
            await sleep(600);
            writeSync(fd, BOOKS);
            closeSync(fd);
            await sleep(300);
            rmSync(file);
            await sleep(600);
            writeFileSync(file, BOOKS);
            await sleep(300);
        }
        running = false;
        await stream;
        assert.ok(sent > 20, `only ${sent} Checks sent`);
        assert.equal(allowed, 0, `${allowed} of ${sent} guest POSTs allowed`);
        assert.ok(s.logs.find('policy file empty: its last valid policies stay in force until it holds policies again or the grace period ends', { file }));
        assert.ok(s.logs.find('policy file deleted: its last valid policies stay in force until it holds policies again or the grace period ends', { file }));
        assert.equal(s.logs.find('policy file removed: its policies are no longer enforced'), undefined);
    });
});
describe('policy files: a removal that outlasts the grace period applies', () => {
    let s;
    let dir = '';
    before(async () => {
        dir = tempDir('removal-grace');
        writeFiles(dir, { 'books.yaml': BOOKS, 'hosts.yaml': HOSTS });
        s = await startInProcess({ policyPaths: [dir], policyRemovalGraceMs: 400 });
    });
    after(() => s.server.close());
    it('drops a deleted file after the grace period, with a warning', async () => {
        const file = join(dir, 'books.yaml');
        rmSync(file);
        await eventually(async () => ((await guestPostAllowed(s)) ? true : undefined), 'guest POST allowed after the grace');
        const removed = s.logs.find('policy file removed: its policies are no longer enforced', { file });
        assert.ok(removed);
        assert.ok(Number(removed.absentMs) >= 400);
        writeFileSync(file, BOOKS);
        await eventually(async () => ((await guestPostAllowed(s)) ? undefined : true), 'guest POST denied again');
    });
    it('drops a file left empty after the grace period', async () => {
        writeFileSync(join(dir, 'books.yaml'), '');
        await eventually(async () => ((await guestPostAllowed(s)) ? true : undefined), 'guest POST allowed after the grace');
        writeFileSync(join(dir, 'books.yaml'), BOOKS);
        await eventually(async () => ((await guestPostAllowed(s)) ? undefined : true), 'guest POST denied again');
    });
    it('logs no removal for a file that never loaded', async () => {
        const bad = join(dir, 'bad.yaml');
        writeFileSync(bad, BOOKS.replace('  rules:', '  rulez:'));
        await eventually(async () => s.logs.find('policy file refused', { file: bad }), 'refusal logged');
        rmSync(bad);
        await sleep(700);
        assert.equal(s.logs.find('policy file removed: its policies are no longer enforced', { file: bad }), undefined);
        assert.equal(s.logs.find('policy file deleted: its last valid policies stay in force until it holds policies again or the grace period ends', { file: bad }), undefined);
    });
});
//# sourceMappingURL=policy-removal.test.js.map