// `npm run bench`: engine throughput on the books policy, every compiler (CEL: a Kyverno Authz ValidatingPolicy).
// One decision = authorize() on a fresh input (derived bindings included), as
// the server runs it, minus the transport. Prints decisions/s and µs/decision
// per policy form and request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fromJson, toJson } from '@bufbuild/protobuf';
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
function load(folder) {
    return listPolicyFiles(folder).flatMap((file) => compilePolicies(readFileSync(file, 'utf8'), file, compilers));
}
function attributes(name) {
    const json = JSON.parse(readFileSync(join(books, 'requests', `${name}.json`), 'utf8'));
    return toJson(AttributeContextSchema, fromJson(CheckRequestSchema, json).attributes);
}
async function measure(policies, payload, expectAllowed) {
    const once = async () => {
        const decision = await authorizeAll(policies, checkInput(payload, undefined));
        if (decision.allowed !== expectAllowed)
            throw new Error(`unexpected decision: ${JSON.stringify(decision.reasons)}`);
    };
    for (const stop = performance.now() + WARMUP_MS; performance.now() < stop;)
        await once();
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < MEASURE_MS) {
        for (let i = 0; i < 100; i++)
            await once();
        n += 100;
    }
    const seconds = (performance.now() - start) / 1000;
    return { perSecond: n / seconds, micros: (seconds * 1e6) / n };
}
const forms = [
    ['jp: Kyverno Envoy plugin policy', join(books, 'kyverno-envoy-plugin')],
    ['jsonata: the same rules, tree for tree', join(root, 'bench', 'fixtures', 'books-same-rules-jsonata')],
    ['jsonata: examples/books/kgate', join(books, 'kgate')],
    ['cel: examples/kyverno-authz/books', join(root, 'examples', 'kyverno-authz', 'books')],
];
const requests = [
    ['admin GET /book (allowed)', 'admin-get', true],
    ['admin POST /book (allowed)', 'admin-post', true],
    ['guest POST /book (denied)', 'guest-post', false],
];
console.log(`engine: books policy, ${MEASURE_MS / 1000} s per row after ${WARMUP_MS / 1000} s warm-up, Node ${process.version}`);
console.log(`${'policy'.padEnd(42)}${'request'.padEnd(30)}${'decisions/s'.padStart(12)}${'µs/decision'.padStart(13)}`);
for (const [label, form] of forms) {
    const policies = load(form);
    for (const [what, name, allowed] of requests) {
        const { perSecond, micros } = await measure(policies, attributes(name), allowed);
        console.log(`${label.padEnd(42)}${what.padEnd(30)}${perSecond.toFixed(0).padStart(12)}${micros.toFixed(2).padStart(13)}`);
    }
}
//# sourceMappingURL=engine.bench.js.map