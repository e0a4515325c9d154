// `npm run bench`: engine throughput on the books policy, every compiler (CEL: kgate's AuthorizationPolicy
// with compiler: cel, and a Kyverno Authz ValidatingPolicy).
// One decision = authorize() on a fresh input (derived bindings included), as
// the server runs it, minus the transport. Prints decisions/s and µs/decision
// per policy form and request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fromJson, toJson, type JsonValue } from '@bufbuild/protobuf';
import { checkInput } from '../src/authz/input.js';
import { authorizeAll } from '../src/engine/policy/kyverno-authz-decide.js';
import { createCompilers } from '../src/engine/compilers/index.js';
import { compilePolicies } from '../src/engine/policy/load.js';
import { AttributeContextSchema } from '../src/gen/envoy/service/auth/v3/attribute_context_pb.js';
import { CheckRequestSchema } from '../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { createKeyResolver } from '../src/keys/index.js';
import { listPolicyFiles } from '../src/policies/files.js';

const root = join(import.meta.dirname, '..', '..');
const books = join(root, 'examples', 'books');
const compilers = createCompilers({ now: Date.now, keys: createKeyResolver() });
const WARMUP_MS = 1000;
const MEASURE_MS = 3000;

function load(folder: string) {
  return listPolicyFiles(folder).flatMap((file) => compilePolicies(readFileSync(file, 'utf8'), file, compilers));
}

function attributes(name: string): unknown {
  const json = JSON.parse(readFileSync(join(books, 'requests', `${name}.json`), 'utf8')) as JsonValue;
  return toJson(AttributeContextSchema, fromJson(CheckRequestSchema, json).attributes!);
}

async function measure(policies: ReturnType<typeof load>, payload: unknown, expectAllowed: boolean) {
  const once = async () => {
    const decision = await authorizeAll(policies, checkInput(payload, undefined));
    if (decision.allowed !== expectAllowed) throw new Error(`unexpected decision: ${JSON.stringify(decision.reasons)}`);
  };
  for (const stop = performance.now() + WARMUP_MS; performance.now() < stop; ) await once();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < MEASURE_MS) {
    for (let i = 0; i < 100; i++) await once();
    n += 100;
  }
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: n / seconds, micros: (seconds * 1e6) / n };
}

const forms = [
  ['jp: Kyverno Envoy plugin policy', join(books, 'kyverno-envoy-plugin')],
  ['jsonata: the same rules, tree for tree', join(root, 'bench', 'fixtures', 'books-same-rules-jsonata')],
  ['jsonata: examples/books/kgate', join(books, 'kgate')],
  ['cel: examples/books/kgate-cel', join(books, 'kgate-cel')],
  ['cel: examples/kyverno-authz/books (vpol)', join(root, 'examples', 'kyverno-authz', 'books')],
] as const;
const requests = [
  ['admin GET /book (allowed)', 'admin-get', true],
  ['admin POST /book (allowed)', 'admin-post', true],
  ['guest POST /book (denied)', 'guest-post', false],
] as const;

console.log(`engine: books policy, ${MEASURE_MS / 1000} s per row after ${WARMUP_MS / 1000} s warm-up, Node ${process.version}`);
console.log(`${'policy'.padEnd(42)}${'request'.padEnd(30)}${'decisions/s'.padStart(12)}${'µs/decision'.padStart(13)}`);
for (const [label, form] of forms) {
  const policies = load(form);
  for (const [what, name, allowed] of requests) {
    const { perSecond, micros } = await measure(policies, attributes(name), allowed);
    console.log(`${label.padEnd(42)}${what.padEnd(30)}${perSecond.toFixed(0).padStart(12)}${micros.toFixed(2).padStart(13)}`);
  }
}

// A body policy's decision cost: the route body policy of test/e2e/routes.e2e.ts ($body parsed
// lazily by content type, $truncated) on bodies Envoy would send, against the same request
// decided by a policy that never reads the body (the body is then not even parsed).
const bodyPolicy = compilePolicies(
  `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: body, namespace: default }
spec:
  body: { maxBytes: 8192 }
  rules:
  - name: json-format
    match: { any: [ { request: { http: { headers: { content-type: application/json } } } } ] }
    assert: { all: [ { message: only paperbacks, check: { ($body.format): paperback } } ] }
  - name: form-format
    match: { any: [ { request: { http: { headers: { content-type: application/x-www-form-urlencoded } } } } ] }
    assert:
      all:
      - message: form needs format=paperback
        check:
          ($body.format[0]): paperback
  - name: whole-body
    assert: { all: [ { message: the body was cut, check: { ($truncated): false } } ] }
`,
  'bench body policy',
  compilers,
);
const headersOnly = compilePolicies(
  `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata: { name: headers, namespace: default }
spec:
  rules:
  - name: post-only
    assert: { all: [ { message: posts only, check: { request: { http: { method: POST } } } } ] }
`,
  'bench headers policy',
  compilers,
);
const posted = (type: string, body: string) => ({
  request: {
    http: { method: 'POST', path: '/upload', headers: { ':method': 'POST', 'content-type': type, 'content-length': String(Buffer.byteLength(body)) }, body },
  },
});
const json = (bytes: number) => {
  const head = '{"format":"paperback","pad":"';
  return `${head}${'x'.repeat(Math.max(0, bytes - head.length - 2))}"}`;
};
const bodies = [
  ['JSON, 100 B', posted('application/json', json(100)), true],
  ['JSON, 8 KiB', posted('application/json', json(8192)), true],
  ['form, 100 B', posted('application/x-www-form-urlencoded', `format=paperback&pad=${'x'.repeat(70)}`), true],
  ['not JSON (text/plain), 8 KiB', posted('text/plain', 'x'.repeat(8192)), true],
  ['JSON that does not parse, 8 KiB', posted('application/json', json(8192).slice(0, -1)), false],
] as const;
console.log(`\nbody policy ($body, $truncated) vs a headers-only policy, same requests`);
console.log(`${'request'.padEnd(42)}${'body µs'.padStart(12)}${'headers µs'.padStart(13)}`);
for (const [what, payload, allowed] of bodies) {
  const body = await measure(bodyPolicy, payload, allowed);
  const headers = await measure(headersOnly, payload, true);
  console.log(`${what.padEnd(42)}${body.micros.toFixed(2).padStart(12)}${headers.micros.toFixed(2).padStart(13)}`);
}
