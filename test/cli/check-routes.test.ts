// `kgate check --route`: the worked example of docs/policy.md (examples/routes/), decided
// offline with Gateway, route and rule policies in scope, as serve decides them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');
const example = join(root, 'examples', 'routes');

function check(request: string, ...args: string[]) {
  const run = spawnSync(
    process.execPath,
    [join(root, 'bin', 'kgate'), 'check', '--policy', join(example, 'policies.yaml'), '--request', join(example, 'requests', `${request}.json`), ...args],
    { encoding: 'utf8' },
  );
  const response = run.status !== 2 ? JSON.parse(run.stdout) : undefined;
  return { code: run.status, stderr: run.stderr, response, last: (name: string) => lastValue(response, name) };
}

/** The value Envoy ends up with for a header set several times (each overwrites): the last one. */
function lastValue(response: { okResponse?: { headers?: { header: { key: string; value: string } }[] } } | undefined, name: string): string | undefined {
  return response?.okResponse?.headers?.filter((h) => h.header.key === name).at(-1)?.header.value;
}

const gateway = ['--gateway', 'default/eg'];

test('the Gateway policy alone off the route; on it, the route policy too; on rule admin, the rule policy as well', () => {
  assert.equal(check('reader', ...gateway).code, 0, 'Gateway policy only: a signed-in reader passes');
  assert.equal(check('anonymous', ...gateway).response.deniedResponse.status.code, 'Unauthorized');
  const reader = check('reader', ...gateway, '--route', 'default/books');
  assert.equal(reader.code, 0, reader.stderr);
  assert.match(reader.stderr, /policies: default\/signed-in, default\/books-readers\)/);
  const readerAdmin = check('reader', ...gateway, '--route', 'default/books/admin');
  assert.equal(readerAdmin.code, 1);
  assert.match(readerAdmin.response.deniedResponse.body, /the admin rule is for admins/);
  assert.equal(check('admin', ...gateway, '--route', 'default/books/admin').code, 0);
});

test('both violated: the denial is shaped by the more specific scope; allow shaping from all, the most specific last', () => {
  const anonymous = check('anonymous', ...gateway, '--route', 'default/books');
  assert.equal(anonymous.code, 1);
  assert.equal(anonymous.response.deniedResponse.status.code, 'Forbidden', "the route's 403, not the Gateway's 401");
  assert.equal(anonymous.response.deniedResponse.body, 'books are for readers');
  assert.match(anonymous.stderr, /violation: default\/signed-in\/needs-a-user: sign in first/, 'both violations are reported');
  const admin = check('admin', ...gateway, '--route', 'default/books/admin');
  assert.equal(admin.last('x-decided-by'), 'books-route');
  assert.equal(admin.last('x-user-id'), 'bo', "the Gateway policy's shaping applies too");
});

test('--route alone, --route-kind, and bad values', () => {
  assert.equal(check('reader', '--route', 'default/books').code, 0, 'route policies apply without --gateway');
  const grpc = check('reader', '--route', 'default/books', '--route-kind', 'GRPCRoute');
  assert.equal(grpc.code, 2, 'an HTTPRoute policy does not apply to a GRPCRoute of that name');
  assert.match(
    grpc.stderr,
    /no policy applies to the scope --route default\/books:[\s\S]*policy default\/books-admin targets HTTPRoute default\/books rule admin/,
  );
  assert.match(check('reader', '--route', 'books').stderr, /--route: expected NAMESPACE\/NAME or NAMESPACE\/NAME\/RULE/);
  assert.match(check('reader', '--route', 'default/books', '--route-kind', 'TCPRoute').stderr, /--route-kind: expected HTTPRoute or GRPCRoute/);
});
