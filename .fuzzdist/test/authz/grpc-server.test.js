import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { connect } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { GrpcServer } from '../../src/authz/grpc-server.js';
import { GrpcCode, GrpcError } from '../../src/engine/grpc-code.js';
import { createLogger } from '../../src/runtime/logger.js';
import { client, failure, unary } from './support/grpc.js';
const routes = [
    ['/test.Echo/Echo', (request, call) => Buffer.concat([Buffer.from(`${String(call.headers['x-tag'] ?? '')}:`), request])],
    [
        '/test.Echo/Fail',
        () => {
            throw new GrpcError(GrpcCode.FAILED_PRECONDITION, 'not today');
        },
    ],
    ['/test.Echo/Odd', () => Promise.reject(new GrpcError(GrpcCode.ABORTED, ODD_MESSAGE))],
];
const ODD_MESSAGE = 'field spec.rules[0]: 100% wrong – größe\nline two';
function newServer(maxReceiveBytes = 8 * 1024 * 1024) {
    const server = new GrpcServer({ logger: createLogger('silent'), maxReceiveBytes });
    for (const [path, handler] of routes)
        server.route(path, handler);
    return server;
}
describe('gRPC transport (node:http2) with a grpc-js client', () => {
    const server = newServer();
    let address = '';
    before(async () => {
        address = await server.listen({ kind: 'tcp', host: '127.0.0.1', port: 0 });
    });
    after(() => server.close(1000));
    it('serves a unary method: request, metadata and response', async () => {
        const reply = await unary(client(address), '/test.Echo/Echo', Buffer.from('hello'), { 'x-tag': 'abc' });
        assert.equal(reply.toString(), 'abc:hello');
    });
    it('passes a handler error status and message to the client', async () => {
        const error = await failure(unary(client(address), '/test.Echo/Fail', Buffer.from('x')));
        assert.equal(error.code, status.FAILED_PRECONDITION);
        assert.equal(error.details, 'not today');
    });
    it('percent-encodes a status message so clients read it back unchanged', async () => {
        const error = await failure(unary(client(address), '/test.Echo/Odd', Buffer.from('x')));
        assert.deepEqual([error.code, error.details], [status.ABORTED, ODD_MESSAGE]);
    });
    it('answers UNIMPLEMENTED for an unknown method', async () => {
        assert.equal((await failure(unary(client(address), '/test.Echo/Nope', Buffer.from('x')))).code, status.UNIMPLEMENTED);
    });
    it('carries a 6 MiB message (Envoy Gateway hook payloads exceed 4 MiB)', async () => {
        const big = Buffer.alloc(6 * 1024 * 1024, 7);
        const reply = await unary(client(address), '/test.Echo/Echo', big);
        assert.equal(reply.length, big.length + 1);
    });
    it('refuses a message over the limit with RESOURCE_EXHAUSTED and keeps serving', async () => {
        const small = newServer(1024);
        const smallAddress = await small.listen({ kind: 'tcp', host: '127.0.0.1', port: 0 });
        const c = client(smallAddress);
        const error = await failure(unary(c, '/test.Echo/Echo', Buffer.alloc(64 * 1024)));
        assert.equal(error.code, status.RESOURCE_EXHAUSTED);
        assert.match(error.details, /65536 bytes exceeds the limit of 1024/);
        assert.equal((await unary(c, '/test.Echo/Echo', Buffer.from('ok'))).toString(), ':ok');
        c.close();
        await small.close(1000);
    });
    it('drops a connection that sends garbage and keeps serving others', async () => {
        const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
        const socket = connect(port, host);
        await once(socket, 'connect');
        socket.write(Buffer.from('\x00\xffGARBAGE not http/2 at all\r\n\r\n'.repeat(50), 'binary'));
        socket.resume();
        await once(socket, 'close');
        assert.equal((await unary(client(address), '/test.Echo/Echo', Buffer.from('still'))).toString(), ':still');
    });
    it('refuses a second handler for the same method', () => {
        assert.throws(() => server.route('/test.Echo/Echo', () => new Uint8Array(0)), /registered twice/);
    });
});
describe('gRPC transport on a Unix socket, and draining', () => {
    it('serves on unix:///path and finishes a call in flight while draining', async () => {
        let release = () => undefined;
        const server = new GrpcServer({ logger: createLogger('silent'), maxReceiveBytes: 1024 });
        server.route('/test.Slow/Call', () => new Promise((resolve) => (release = () => resolve(Buffer.from('done')))));
        const path = join(tmpdir(), `kgate-grpc-${process.pid}.sock`);
        const address = await server.listen({ kind: 'unix', path });
        assert.equal(address, `unix://${path}`);
        const c = client(address);
        const inFlight = unary(c, '/test.Slow/Call', Buffer.from('x'));
        await new Promise((r) => setTimeout(r, 50));
        const closed = server.close(5000);
        release();
        assert.equal((await inFlight).toString(), 'done');
        await closed;
        c.close();
    });
});
describe('gRPC transport: two-phase drain', () => {
    it('answers every stream a client opened before it saw the drain, none REFUSED_STREAM', async () => {
        const server = new GrpcServer({ logger: createLogger('silent'), maxReceiveBytes: 1024 });
        server.route('/test.Slow/Call', () => new Promise((resolve) => setTimeout(() => resolve(Buffer.from('done')), 20)));
        const address = await server.listen({ kind: 'tcp', host: '127.0.0.1', port: 0 });
        const session = http2.connect(`http://${address}`);
        session.on('error', () => undefined);
        await once(session, 'connect');
        const frame = Buffer.from([0, 0, 0, 0, 1, 120]);
        const call = () => new Promise((resolve) => {
            const stream = session.request({ ':method': 'POST', ':path': '/test.Slow/Call', 'content-type': 'application/grpc', te: 'trailers' });
            let grpcStatus;
            stream.on('trailers', (trailers) => (grpcStatus = trailers['grpc-status']));
            stream.on('error', () => undefined);
            stream.resume();
            stream.on('close', () => resolve({ ...(grpcStatus === undefined ? {} : { grpcStatus }), rstCode: stream.rstCode }));
            stream.end(frame);
        });
        // The streams are on the wire when the drain starts: the race window of a real shutdown.
        const calls = Array.from({ length: 64 }, call);
        const closed = server.close(2000);
        const outcomes = await Promise.all(calls);
        await closed;
        session.destroy();
        assert.equal(outcomes.filter((o) => o.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM).length, 0);
        assert.deepEqual(new Set(outcomes.map((o) => o.grpcStatus)), new Set(['0']));
    });
});
//# sourceMappingURL=grpc-server.test.js.map