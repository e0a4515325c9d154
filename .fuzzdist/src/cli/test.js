// `kgate test MANIFEST...`: offline policy tests. A kgate.dev/v1alpha1 Test
// manifest names policy files and cases (a CheckRequest file and what the
// decision must be); each case goes through the same decider as `kgate serve`.
// Prints PASS/FAIL per case with what differed; exit 1 on any failure, 2 when
// a manifest or policy cannot be read.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadDecider, readRequest } from './check.js';
import { errorText } from '../engine/types.js';
const USAGE = 'usage: kgate test MANIFEST...  (kgate.dev/v1alpha1 Test manifests; see docs/testing.md)\n';
export async function run(argv) {
    if (argv.length === 0 || argv.includes('--help')) {
        process.stdout.write(USAGE);
        return argv.length === 0 ? 2 : 0;
    }
    let failed = 0;
    for (const path of argv) {
        const result = await runManifest(path);
        if (result === undefined)
            return 2;
        failed += result;
    }
    return failed === 0 ? 0 : 1;
}
async function runManifest(path) {
    const fail = (reason) => {
        process.stderr.write(`kgate test: ${path}: ${reason}\n`);
        return undefined;
    };
    let manifest;
    try {
        manifest = parseYaml(readFileSync(path, 'utf8'));
    }
    catch (error) {
        return fail(errorText(error));
    }
    if (manifest?.apiVersion !== 'kgate.dev/v1alpha1' || manifest.kind !== 'Test')
        return fail('expected a kgate.dev/v1alpha1 Test manifest');
    const base = dirname(path);
    const policies = Array.isArray(manifest.policies) ? manifest.policies.map((p) => resolve(base, String(p))) : [];
    if (policies.length === 0)
        return fail('policies: name at least one policy file or folder');
    const cases = Array.isArray(manifest.cases) ? manifest.cases : [];
    if (cases.length === 0)
        return fail('cases: at least one case');
    const decider = await loadDecider(policies, 5000);
    if (!decider)
        return undefined;
    let failures = 0;
    for (const [i, c] of cases.entries()) {
        const name = typeof c?.name === 'string' ? c.name : `cases[${i}]`;
        const attributes = typeof c?.request === 'string' ? readRequest(resolve(base, c.request)) : undefined;
        if (attributes === undefined)
            return fail(`${name}: request: a readable CheckRequest file is required`);
        const decision = await decider.decide(attributes, undefined, 'grpc');
        const diff = differences(c.expect ?? {}, decision);
        failures += diff.length === 0 ? 0 : 1;
        process.stdout.write(`${diff.length === 0 ? 'PASS' : 'FAIL'} ${path}: ${name}\n${diff.map((d) => `     ${d}\n`).join('')}`);
    }
    return failures;
}
function differences(expect, decision) {
    const out = [];
    const compare = (what, want, got) => {
        if (want !== undefined && JSON.stringify(want) !== JSON.stringify(got))
            out.push(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    };
    compare('allowed', expect.allowed, decision.allowed);
    compare('status', expect.status, decision.httpStatus);
    compare('body', expect.body, decision.allowed ? '' : (decision.denial?.body ?? ''));
    const headers = decision.allowed ? [...decision.upstream.set, ...decision.upstream.append] : (decision.denial?.headers ?? []);
    for (const [name, value] of Object.entries(expect.headers ?? {})) {
        compare(`header ${name}`, value, headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? null);
    }
    const violations = decision.reasons.filter((r) => r.kind === 'violation').map((r) => (r.rule ? `${r.policy}/${r.rule}` : r.policy));
    compare('violations', expect.violations, violations);
    return out;
}
//# sourceMappingURL=test.js.map