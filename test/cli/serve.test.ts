// `bin/kgate serve` itself, as a child process: Unix sockets, SIGTERM drain,
// startup refusals.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http2 from 'node:http2';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { CheckRequestSchema, CheckResponseSchema } from '../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { BOOKS } from '../authz/support/policies-text.js';
import { ADMIN_TOKEN, CHECK, GUEST_TOKEN, envoyCheck, grpcCheck, httpRequest, spawnServe, tempDir, writeFiles } from '../authz/support/server.js';

function sockets(dir: string) {
  const at = (name: string) => `unix://${join(dir, `${name}.sock`)}`;
  return { grpc: at('grpc'), http: at('http'), admin: at('admin') };
}

function serveArgs(dir: string, policy: string): string[] {
  const s = sockets(dir);
  return ['--grpc-address', s.grpc, '--http-address', s.http, '--admin-address', s.admin, '--policy', policy, '--ext-authz-address', '127.0.0.1:9000'];
}

describe('kgate serve (CLI)', () => {
  it('serves gRPC, HTTP and admin on Unix sockets', async () => {
    const dir = tempDir('cli-unix');
    writeFiles(dir, { 'books.yaml': BOOKS });
    const child = spawnServe(serveArgs(dir, join(dir, 'books.yaml')));
    try {
      await child.waitFor('ready');
      const s = sockets(dir);
      assert.equal((await grpcCheck(s.grpc, envoyCheck('GET', '/book', ADMIN_TOKEN))).status?.code, 0);
      assert.equal((await grpcCheck(s.grpc, envoyCheck('POST', '/book', GUEST_TOKEN))).status?.code, 7);
      assert.equal((await httpRequest(s.http, { method: 'POST', path: '/book', headers: { authorization: `Bearer ${GUEST_TOKEN}` } })).status, 403);
      assert.equal((await httpRequest(s.admin, { path: '/readyz' })).status, 200);
      const metrics = (await httpRequest(s.admin, { path: '/metrics' })).body;
      assert.match(metrics, /^kgate_log_pending_bytes \d+$/m, 'the decision-log backlog is a gauge');
      assert.match(metrics, /^kgate_grpc_in_flight_bytes 0$/m, 'nothing buffered between calls');
    } finally {
      child.process.kill('SIGKILL');
    }
  });

  it('drains on SIGTERM: not ready, still serving for --shutdown-delay, then no new connections, the Check in flight completes, exit 0', async () => {
    const dir = tempDir('cli-drain');
    writeFiles(dir, { 'books.yaml': BOOKS });
    const child = spawnServe([...serveArgs(dir, dir), '--shutdown-delay', '300ms']);
    await child.waitFor('ready');
    const s = sockets(dir);
    const grpcPath = s.grpc.slice('unix://'.length);
    const session = http2.connect('http://kgate', { createConnection: () => connect(grpcPath) });
    await once(session, 'connect');
    const message = toBinary(CheckRequestSchema, create(CheckRequestSchema, envoyCheck('POST', '/book', GUEST_TOKEN)));
    const frame = Buffer.alloc(5 + message.length);
    frame.writeUInt32BE(message.length, 1);
    frame.set(message, 5);
    const stream = session.request({ ':method': 'POST', ':path': CHECK, 'content-type': 'application/grpc', te: 'trailers' });
    stream.write(frame.subarray(0, 20));
    // A PING is answered after the frames before it: kgate has the call in flight.
    await new Promise((resolve, reject) => session.ping((error) => (error ? reject(error) : resolve(undefined))));
    const inFlight = Number(/^kgate_grpc_in_flight_bytes (\d+)$/m.exec((await httpRequest(s.admin, { path: '/metrics' })).body)?.[1]);
    assert.ok(inFlight > 0, `the partial call's bytes are in /metrics: ${inFlight}`);

    child.process.kill('SIGTERM');
    await child.waitFor('draining');
    assert.equal((await httpRequest(s.admin, { path: '/readyz' })).status, 503, 'not ready while draining');
    const during = await grpcCheck(s.grpc, envoyCheck('POST', '/book', GUEST_TOKEN));
    assert.equal(during.status?.code, 7, 'a new connection is still served during the delay');
    await child.waitFor('closing ports');
    const fresh = connect(grpcPath);
    const [refused] = (await once(fresh, 'error')) as [NodeJS.ErrnoException];
    assert.match(String(refused.code), /ECONNREFUSED|ENOENT|ECONNRESET/);

    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const trailers = new Promise<http2.IncomingHttpHeaders>((resolve) => stream.on('trailers', resolve));
    stream.end(frame.subarray(20));
    assert.equal((await trailers)['grpc-status'], '0');
    const response = fromBinary(CheckResponseSchema, Buffer.concat(chunks).subarray(5));
    assert.equal(response.status?.code, 7, 'the in-flight guest POST was decided');
    session.close();

    const [code] = (await once(child.process, 'exit')) as [number];
    assert.equal(code, 0);
    assert.ok(child.lines.some((l) => l.msg === 'stopped'));
  });

  it('refuses to start with an invalid policy: exit 1, naming the file, field path and reason', async () => {
    const dir = tempDir('cli-invalid');
    writeFiles(dir, { 'broken.yaml': BOOKS.replace('failurePolicy', 'x').replace('  rules:', '  rulez:') });
    const child = spawnServe(serveArgs(dir, dir));
    const [code] = (await once(child.process, 'exit')) as [number];
    assert.equal(code, 1);
    const fatal = child.lines.find((l) => l.msg === 'cannot start: a policy file is invalid');
    assert.ok(fatal, 'fatal line');
    const error = child.lines.find((l) => l.msg === 'policy file refused');
    assert.equal(error?.file, join(dir, 'broken.yaml'));
    assert.match(String(error?.path), /spec/);
    assert.equal(typeof error?.reason, 'string');
    assert.equal(error?.lastValidInForce, false);
  });

  it('warns loudly when no policy comes from files, naming why', async () => {
    for (const [name, policy, reason] of [
      ['cli-nopolicy', undefined, 'no --policy given'],
      ['cli-emptypolicy', 'empty', 'the --policy paths hold no policy'],
    ] as const) {
      const dir = tempDir(name);
      const s = sockets(dir);
      const args = ['--grpc-address', s.grpc, '--http-address', s.http, '--admin-address', s.admin, '--ext-authz-address', '127.0.0.1:9000'];
      const child = spawnServe(policy ? [...args, '--policy', dir] : args);
      try {
        const warning = await child.waitFor(
          'NO POLICY FROM FILES: every Check not tagged by a filter the Envoy Gateway hook injected is ALLOWED; only policies the hook sends are enforced',
        );
        assert.equal(warning.level, 40);
        assert.equal(warning.reason, reason);
      } finally {
        child.process.kill('SIGTERM');
        await once(child.process, 'exit');
      }
    }
  });

  it('rejects bad flags with exit 2 and the usage', async () => {
    for (const args of [['--grpc-address', 'nowhere'], ['--decision-timeout', 'soon'], ['--bogus']]) {
      const child = spawnServe(args);
      let stderr = '';
      child.process.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      const [code] = (await once(child.process, 'exit')) as [number];
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /usage: kgate serve/);
    }
  });
});
