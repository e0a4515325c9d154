// Issue 8, item 4: a CONNECT request on the plain-HTTP ext_authz port was
// dropped without an answer (node hands CONNECT to a listener kgate did not
// have). It is decided like any other method, on the real port.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { httpRequest, startInProcess, tempDir, writeFiles } from './support/server.js';

const POLICY = `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: tunnels }
spec:
  rules:
  - name: no-internal-tunnel
    match: { any: [{ request: { http: { method: CONNECT } } }] }
    assert:
      all:
      - message: no tunnel to the internal service
        check:
          request: { http: { (path = 'internal.example:443'): false } }
`;

/** Sends raw bytes to host:port and returns everything read until the server closes. */
function raw(address: string, request: string): Promise<string> {
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port }, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.setTimeout(5000, () => reject(new Error('no answer within 5 s')));
  });
}

describe('kgate server: CONNECT over the HTTP ext_authz protocol', () => {
  it('is decided by the policies and answered, then the connection closes', async () => {
    const dir = tempDir('connect');
    writeFiles(dir, { 'tunnels.yaml': POLICY });
    const s = await startInProcess({ policyPaths: [dir] });
    try {
      const http = s.addresses.http!;
      const denied = await raw(http, 'CONNECT internal.example:443 HTTP/1.1\r\nHost: internal.example:443\r\nx-request-id: c1\r\n\r\n');
      assert.match(denied, /^HTTP\/1\.1 403 Forbidden\r\n/);
      assert.match(denied, /\r\nconnection: close\r\n/);
      assert.ok(denied.endsWith('\r\n\r\nno tunnel to the internal service\n'), denied);
      const allowed = await raw(http, 'CONNECT books.example:443 HTTP/1.1\r\nHost: books.example:443\r\nx-request-id: c2\r\n\r\n');
      assert.match(allowed, /^HTTP\/1\.1 200 OK\r\n/);
      const logged = s.logs.find('decision', { requestId: 'c1' });
      assert.equal(logged?.allowed, false);
      assert.equal(logged?.protocol, 'http');
      assert.equal((await httpRequest(http, { path: '/book' })).status, 200, 'the port keeps serving other requests');
    } finally {
      await s.server.close();
    }
  });
});
