// kgate restarts: what Envoy Gateway's hook sent is restored from the hook
// state file, and a Check from a listener kgate has not heard of is never
// decided with no policy (UNAVAILABLE: Envoy applies failure_mode_allow).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { HookState } from '../../src/hooks/state.js';
import { envoyCheck, grpcCheck, spawnServe, tempDir } from '../authz/support/server.js';
import { listenerRequest, policyObject } from './support/harness.js';
const LISTENER = 'default/eg/http';
const tags = { 'x-kgate-listener': LISTENER, 'x-kgate-sections': LISTENER };
async function serve(stateFile) {
    const child = spawnServe([
        '--grpc-address',
        '127.0.0.1:0',
        '--http-address',
        'off',
        '--admin-address',
        'off',
        '--decision-log',
        'off',
        ...(stateFile ? ['--hook-state-file', stateFile] : []),
    ]);
    const listening = await child.waitFor('listening');
    await child.waitFor('ready');
    return { child, address: String(listening.address) };
}
async function stop(child) {
    child.process.kill('SIGTERM');
    await new Promise((resolve) => child.process.once('exit', resolve));
}
function hookCall(address, request) {
    const client = new grpc.Client(address, grpc.credentials.createInsecure());
    const bytes = (b) => b;
    return new Promise((resolve, reject) => client.makeUnaryRequest('/envoygateway.extension.EnvoyGatewayExtension/PostHTTPListenerModify', bytes, bytes, Buffer.from(request), (error) => {
        client.close();
        if (error)
            reject(error);
        else
            resolve();
    }));
}
const listener = new BinaryWriter().tag(1, WireType.LengthDelimited).string(LISTENER).finish();
const post = envoyCheck('POST', '/book');
const unavailable = (error) => error.code === grpc.status.UNAVAILABLE && /no policies known for xds listener default\/eg\/http/.test(error.details ?? '');
describe('hook state across restarts', () => {
    it('restores the policies EG sent when kgate restarts with --hook-state-file', async () => {
        const stateFile = join(tempDir('hook-state'), 'state', 'hooks.json');
        const first = await serve(stateFile);
        try {
            await assert.rejects(grpcCheck(first.address, post, tags), unavailable, 'before EG calls: not decided');
            await hookCall(first.address, listenerRequest(listener, [policyObject('gets-only', [{ name: 'eg' }])]));
            assert.equal((await grpcCheck(first.address, post, tags)).status?.code, 7);
        }
        finally {
            await stop(first.child);
        }
        assert.ok(existsSync(stateFile));
        const second = await serve(stateFile);
        try {
            const restored = await second.child.waitFor('restored from the hook state file');
            assert.deepEqual([restored.listener, restored.policies], [LISTENER, ['default/gets-only']]);
            assert.equal((await grpcCheck(second.address, post, tags)).status?.code, 7, 'denied by the restored policy');
            assert.equal((await grpcCheck(second.address, envoyCheck('GET', '/book'), tags)).status?.code, 0);
            // EG removes the policy: the state follows, and an empty listener is known (allowed), not unknown.
            await hookCall(second.address, listenerRequest(listener, []));
            assert.equal((await grpcCheck(second.address, post, tags)).status?.code, 0);
        }
        finally {
            await stop(second.child);
        }
        assert.deepEqual(JSON.parse(readFileSync(stateFile, 'utf8')), { version: 1, listeners: { [LISTENER]: [] } });
    });
    it('without a state file, a restarted kgate refuses Checks from hook-injected filters until EG calls again', async () => {
        const server = await serve(undefined);
        try {
            await assert.rejects(grpcCheck(server.address, post, tags), unavailable);
            assert.equal((await grpcCheck(server.address, post)).status?.code, 0, 'untagged Checks are decided by untargeted policies');
        }
        finally {
            await stop(server.child);
        }
    });
    it('a corrupt state file is reported and ignored, not fatal', async () => {
        const stateFile = join(tempDir('hook-state-bad'), 'hooks.json');
        writeFileSync(stateFile, '{"version": 99}');
        const server = await serve(stateFile);
        try {
            const line = server.child.lines.find((l) => l.msg === 'hook state file ignored: not a kgate hook state');
            assert.match(String(line?.reason), /unsupported state version 99/);
            await assert.rejects(grpcCheck(server.address, post, tags), unavailable);
        }
        finally {
            await stop(server.child);
        }
    });
    it('many rapid saves are coalesced into whole files; a restart restores the latest of each listener', async () => {
        const dir = tempDir('hook-state-rapid');
        const stateFile = join(dir, 'hooks.json');
        const logger = pino({ level: 'silent' });
        const state = new HookState(stateFile, logger);
        const encoder = new TextEncoder();
        const expected = new Map();
        for (let round = 0; round < 20; round++) {
            for (let i = 0; i < 50; i++) {
                const resources = [JSON.stringify({ round, listener: i })];
                expected.set(`default/eg/l${i}`, resources);
                state.save(`default/eg/l${i}`, resources.map((r) => encoder.encode(r)));
            }
            // Every file on disk, whenever it is read, is a whole state.
            if (existsSync(stateFile))
                assert.equal(JSON.parse(readFileSync(stateFile, 'utf8')).version, 1);
            await new Promise((resolve) => setImmediate(resolve));
        }
        await state.flush();
        const restored = new HookState(stateFile, logger).load();
        assert.deepEqual(new Map([...restored].map(([l, r]) => [l, r.map((b) => new TextDecoder().decode(b))])), expected);
        assert.deepEqual(readdirSync(dir), ['hooks.json'], 'no temp file left behind');
    });
});
//# sourceMappingURL=state.test.js.map