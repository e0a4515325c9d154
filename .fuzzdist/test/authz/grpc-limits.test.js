// The gRPC port's receive limits: a peer that declares a large message and
// stalls is reset within the timeouts and its bytes are released; buffered
// bytes over all streams stay within a budget; Check messages have a limit
// far below the Envoy Gateway hooks'.
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { status } from '@grpc/grpc-js';
import { GrpcServer } from '../../src/authz/grpc-server.js';
import { createCompilers } from '../../src/engine/compilers/index.js';
import { hookConfigFrom } from '../../src/cli/hook-flags.js';
import { createExtensionService } from '../../src/hooks/service.js';
import { createLogger } from '../../src/runtime/logger.js';
import { client, failure, unary } from './support/grpc.js';
import { CHECK, startInProcess } from './support/server.js';
const MiB = 1024 * 1024;
const tcp = { kind: 'tcp', host: '127.0.0.1', port: 0 };
/** The 5-byte gRPC prefix declaring a message of `length` bytes. */
function prefix(length) {
    const head = Buffer.alloc(5);
    head.writeUInt32BE(length, 1);
    return head;
}
/** Opens a call that declares `declared` bytes, sends `sent` of them (in 64 KiB pieces every `everyMs`), then stalls. */
function stalledCall(session, path, declared, sent, everyMs = 0) {
    const start = Date.now();
    const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers' });
    let grpcStatus;
    stream.on('response', (headers) => (grpcStatus ??= headers['grpc-status']));
    stream.on('trailers', (trailers) => (grpcStatus ??= trailers['grpc-status']));
    stream.on('error', () => undefined);
    stream.resume();
    stream.write(prefix(declared));
    void (async () => {
        const piece = Buffer.alloc(64 * 1024, 1);
        for (let n = 0; n < sent && !stream.destroyed; n += piece.length) {
            stream.write(piece);
            if (everyMs)
                await sleep(everyMs);
        }
    })();
    return new Promise((resolve) => stream.on('close', () => resolve({ ...(grpcStatus === undefined ? {} : { grpcStatus }), rstCode: stream.rstCode ?? -1, ms: Date.now() - start })));
}
describe('gRPC receive limits', { timeout: 20_000 }, () => {
    it('resets streams that declare 60 MiB, send part of it and stall, and releases their bytes', async () => {
        const server = new GrpcServer({ logger: createLogger('silent'), maxReceiveBytes: 64 * MiB, idleTimeoutMs: 300, receiveTimeoutMs: 1500 });
        server.route('/test.Hook/Call', () => Buffer.from('never'));
        const address = await server.listen(tcp);
        const session = http2.connect(`http://${address}`);
        session.on('error', () => undefined);
        try {
            const stalled = Array.from({ length: 8 }, () => stalledCall(session, '/test.Hook/Call', 60 * MiB, 4 * MiB));
            // One that never pauses long enough to be idle: the receive timeout ends it.
            const trickle = stalledCall(session, '/test.Hook/Call', 60 * MiB, 60 * MiB, 50);
            await sleep(150);
            assert.ok(server.inFlightBytes > 8 * MiB, `bytes buffered while the calls send: ${server.inFlightBytes}`);
            for (const outcome of await Promise.all(stalled)) {
                assert.equal(outcome.grpcStatus, String(status.DEADLINE_EXCEEDED));
                assert.ok(outcome.ms < 1400, `idle stream reset after ${outcome.ms} ms`);
            }
            const slow = await trickle;
            assert.equal(slow.grpcStatus, String(status.DEADLINE_EXCEEDED));
            assert.ok(slow.ms >= 1400 && slow.ms < 4000, `trickling stream reset after ${slow.ms} ms`);
            assert.equal(server.inFlightBytes, 0);
        }
        finally {
            session.destroy();
            await server.close(1000);
        }
    });
    it('refuses a call whose bytes would exceed the in-flight budget, and serves again once it is released', async () => {
        const server = new GrpcServer({ logger: createLogger('silent'), maxReceiveBytes: 64 * MiB, idleTimeoutMs: 300, maxInFlightBytes: 2 * MiB });
        server.route('/test.Hook/Call', (message) => message.subarray(0, 2));
        const address = await server.listen(tcp);
        const session = http2.connect(`http://${address}`);
        session.on('error', () => undefined);
        const c = client(address);
        try {
            const holder = stalledCall(session, '/test.Hook/Call', 60 * MiB, 1.5 * MiB);
            while (server.inFlightBytes < 1.5 * MiB)
                await sleep(10);
            const refused = await failure(unary(c, '/test.Hook/Call', Buffer.alloc(MiB)));
            assert.equal(refused.code, status.RESOURCE_EXHAUSTED);
            assert.match(refused.details, /limit is 2097152/);
            await holder;
            assert.equal(server.inFlightBytes, 0);
            assert.equal((await unary(c, '/test.Hook/Call', Buffer.alloc(MiB, 1))).length, 2);
        }
        finally {
            c.close();
            session.destroy();
            await server.close(1000);
        }
    });
    it('limits Check messages far below the hooks: a 6 MiB Check is RESOURCE_EXHAUSTED, a 6 MiB hook call is answered', async () => {
        const compilers = createCompilers({
            now: Date.now,
            keys: { jwks: () => Promise.reject(new Error('none')), file: () => Promise.reject(new Error('none')) },
        });
        const s = await startInProcess({
            compilers,
            grpcMaxReceiveBytes: 64 * MiB,
            services: (store) => [createExtensionService({ store, compilers, config: hookConfigFrom({}), logger: createLogger('silent') })],
        });
        const c = client(s.addresses.grpc);
        try {
            // Field 1000 is unknown to both messages: decoded and skipped, so only the size matters.
            const padded = new BinaryWriter()
                .tag(1000, WireType.LengthDelimited)
                .bytes(Buffer.alloc(6 * MiB, 1))
                .finish();
            const check = await failure(unary(c, CHECK, padded));
            assert.equal(check.code, status.RESOURCE_EXHAUSTED);
            assert.match(check.details, /exceeds the limit of 4194304 bytes/);
            await unary(c, '/envoygateway.extension.EnvoyGatewayExtension/PostTranslateModify', padded);
        }
        finally {
            c.close();
            await s.server.close();
        }
    });
});
//# sourceMappingURL=grpc-limits.test.js.map