// Policy files are live: good edits take effect without a restart, broken
// edits are refused (the last valid version keeps serving), deleted files take
// their policies with them and nothing else.
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BOOKS, HOSTS } from '../authz/support/policies-text.js';
import { GUEST_TOKEN, envoyCheck, eventually, grpcCheck, httpRequest, startInProcess, tempDir, writeFiles } from '../authz/support/server.js';
describe('kgate server: policy files are watched', () => {
    let s;
    let dir = '';
    before(async () => {
        dir = tempDir('reload');
        writeFiles(dir, { 'books.yaml': BOOKS, 'hosts.yaml': HOSTS });
        s = await startInProcess({ policyPaths: [dir], policyRemovalGraceMs: 300 });
    });
    after(() => s.server.close());
    const guestPostBody = async () => {
        const response = await grpcCheck(s.addresses.grpc, envoyCheck('POST', '/book', GUEST_TOKEN));
        return response.httpResponse.case === 'deniedResponse' ? response.httpResponse.value.body : 'allowed';
    };
    const evilHostDenied = async () => {
        const request = envoyCheck('GET', '/book', GUEST_TOKEN);
        request.attributes.request.http.host = 'evil.example.com';
        return (await grpcCheck(s.addresses.grpc, request)).status?.code === 7;
    };
    const until = (expected) => eventually(async () => ((await guestPostBody()) === expected ? true : undefined), `guest POST answered ${JSON.stringify(expected)}`);
    it('puts a good edit in force without a restart', async () => {
        assert.equal(await guestPostBody(), 'only admins may write\n');
        writeFileSync(join(dir, 'books.yaml'), BOOKS.replace('only admins may write', 'writers only'));
        await until('writers only\n');
    });
    it('sees an editor that saves by writing a new file and renaming it over the old one', async () => {
        writeFileSync(join(dir, '.books.yaml.swp'), BOOKS.replace('only admins may write', 'saved by rename'));
        renameSync(join(dir, '.books.yaml.swp'), join(dir, 'books.yaml'));
        await until('saved by rename\n');
    });
    it('refuses a broken edit with a log line naming file, document, field path and reason; the old version keeps serving', async () => {
        const errorsBefore = s.logs.lines.filter((l) => l.msg === 'policy file refused').length;
        writeFileSync(join(dir, 'books.yaml'), `${BOOKS.replace('saved by rename', 'never')}---\n${BOOKS.replace('  rules:', '  rulez:')}`);
        const refused = await eventually(async () => s.logs.lines.filter((l) => l.msg === 'policy file refused')[errorsBefore], 'refusal logged');
        assert.equal(refused.file, join(dir, 'books.yaml'));
        assert.equal(refused.document, 2);
        assert.equal(refused.lastValidInForce, true);
        assert.equal(typeof refused.path, 'string');
        assert.match(String(refused.reason), /rulez|rules/);
        assert.equal(await guestPostBody(), 'saved by rename\n', 'last valid version still in force');
        assert.match((await httpRequest(s.addresses.admin, { path: '/metrics' })).body, /^kgate_policy_load_errors_total [1-9]\d*$/m);
        writeFileSync(join(dir, 'books.yaml'), BOOKS);
        await until('only admins may write\n');
    });
    it('watches folders created under a policy folder, and the files in them', async () => {
        mkdirSync(join(dir, 'team'));
        writeFileSync(join(dir, 'team', 'books.yaml'), BOOKS.replace('name: books', 'name: team-books').replace('only admins may write', 'team rule'));
        await until('only admins may write\nteam rule\n');
        writeFileSync(join(dir, 'team', 'books.yaml'), BOOKS.replace('name: books', 'name: team-books').replace('only admins may write', 'team rule, edited'));
        await until('only admins may write\nteam rule, edited\n');
        rmSync(join(dir, 'team'), { recursive: true });
        await until('only admins may write\n');
    });
    it('removes the policies of a deleted file, logs it, and keeps every other policy', async () => {
        assert.equal(await evilHostDenied(), true);
        rmSync(join(dir, 'books.yaml'));
        await until('allowed');
        assert.ok(s.logs.find('policy file removed: its policies are no longer enforced', { file: join(dir, 'books.yaml') }));
        assert.equal(await evilHostDenied(), true, 'hosts.yaml still enforced');
        writeFileSync(join(dir, 'books.yaml'), BOOKS);
        await until('only admins may write\n');
    });
});
//# sourceMappingURL=file-source.test.js.map