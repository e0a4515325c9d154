// `kgate test MANIFEST|FOLDER...`: offline policy tests. Two manifest kinds:
// - kgate.dev/v1alpha1 Test: policy files and cases (a CheckRequest file and
//   what the decision must be); each case goes through the same decider as
//   `kgate serve`.
// - Kyverno CLI Test (cli.kyverno.io/v1alpha1), read as `kyverno test` reads
//   it: `policies`, `envoyPayloads`/`httpPayloads` (request files) and
//   `results` (policy, pass/fail/skip/error). Each Kyverno Authz policy is
//   evaluated alone against each payload of its mode, as the Kyverno CLI does.
// A folder stands for every `kyverno-test.yaml` below it (Kyverno CLI's
// default file name). Prints PASS/FAIL per case with what differed; exit 1 on
// any failure, 2 when a manifest, policy or request cannot be read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Decision } from '../engine/decision.js';
import type { DeniedHttpResponse } from '../engine/cel/envoy.js';
import { HttpCheckResponse, type HttpDenied, httpCheckRequestFromJson } from '../engine/cel/http.js';
import { type CelObjects, celObjects, evaluateCelPolicies } from '../engine/policy/kyverno-authz-evaluate.js';
import type { CompiledPolicy } from '../engine/policy/policy.js';
import type { CheckScope } from '../policies/scope.js';
import { UsageError } from './args.js';
import { gatewayScope, routeScope, loadDecider, loadStore, readRequest } from './check.js';
import { errorText } from '../engine/types.js';

interface Expect {
  readonly allowed?: boolean;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** `policy` or `policy/rule` of every violation, in order. */
  readonly violations?: readonly string[];
}

interface Case {
  readonly name: string;
  readonly request: string;
  readonly expect: Expect;
  /** Overrides the manifest's scope for this case. */
  readonly gateway?: string;
  readonly route?: string;
  readonly routeKind?: string;
}

type Manifest = Record<string, unknown>;

const KYVERNO_CLI_TEST = 'cli.kyverno.io/v1alpha1';
const KYVERNO_TEST_FILE = 'kyverno-test.yaml';

const USAGE = `usage: kgate test MANIFEST|FOLDER...
  kgate.dev/v1alpha1 and Kyverno CLI (cli.kyverno.io/v1alpha1) Test manifests; a folder runs
  every ${KYVERNO_TEST_FILE} below it. See docs/testing.md.
`;

export async function run(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help')) {
    process.stdout.write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let failed = 0;
  for (const arg of argv) {
    const files = manifestFiles(arg);
    if (files === undefined) return 2;
    for (const path of files) {
      const result = await runFile(path);
      if (result === undefined) return 2;
      failed += result;
    }
  }
  return failed === 0 ? 0 : 1;
}

function manifestFiles(arg: string): string[] | undefined {
  let directory: boolean;
  try {
    directory = statSync(arg).isDirectory();
  } catch (error) {
    process.stderr.write(`kgate test: ${arg}: ${errorText(error)}\n`);
    return undefined;
  }
  if (!directory) return [arg];
  const found = (readdirSync(arg, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((entry) => basename(entry) === KYVERNO_TEST_FILE)
    .map((entry) => join(arg, entry))
    .sort();
  if (found.length === 0) {
    process.stderr.write(`kgate test: ${arg}: no ${KYVERNO_TEST_FILE} below this folder\n`);
    return undefined;
  }
  return found;
}

/** Failed cases of every Test document of the file; undefined after reporting why it cannot run. */
async function runFile(path: string): Promise<number | undefined> {
  const fail = (reason: string) => {
    process.stderr.write(`kgate test: ${path}: ${reason}\n`);
    return undefined;
  };
  let manifests: Manifest[];
  try {
    const documents = parseAllDocuments(readFileSync(path, 'utf8'));
    if (!Array.isArray(documents)) throw new Error('no YAML documents');
    const broken = documents.find((d) => d.errors.length > 0);
    if (broken) throw broken.errors[0];
    manifests = documents.map((d) => d.toJS() as Manifest).filter((m) => m !== null && m !== undefined);
  } catch (error) {
    return fail(errorText(error));
  }
  if (manifests.length === 0) return fail('no Test manifest in this file');
  let failures = 0;
  for (const [index, manifest] of manifests.entries()) {
    const where = manifests.length === 1 ? path : `${path} (document ${index + 1})`;
    let result: number | undefined;
    if (manifest?.kind === 'Test' && manifest.apiVersion === 'kgate.dev/v1alpha1') result = await runKgate(path, manifest);
    else if (manifest?.kind === 'Test' && manifest.apiVersion === KYVERNO_CLI_TEST) result = await runKyverno(path, where, manifest);
    else return fail(`${where === path ? '' : `document ${index + 1}: `}expected a kgate.dev/v1alpha1 Test manifest or a Kyverno CLI ${KYVERNO_CLI_TEST} Test`);
    if (result === undefined) return undefined;
    failures += result;
  }
  return failures;
}

async function runKgate(path: string, manifest: Manifest): Promise<number | undefined> {
  const fail = (reason: string) => {
    process.stderr.write(`kgate test: ${path}: ${reason}\n`);
    return undefined;
  };
  const base = dirname(path);
  const policies = Array.isArray(manifest.policies) ? manifest.policies.map((p) => resolve(base, String(p))) : [];
  if (policies.length === 0) return fail('policies: name at least one policy file or folder');
  const cases = Array.isArray(manifest.cases) ? (manifest.cases as Case[]) : [];
  if (cases.length === 0) return fail('cases: at least one case');
  const protocol = manifest.protocol ?? 'grpc';
  if (protocol !== 'grpc' && protocol !== 'http') return fail(`protocol: expected grpc or http, got ${JSON.stringify(protocol)}`);
  const manifestScope = scopeOf(manifest);
  if (typeof manifestScope === 'string') return fail(manifestScope);
  const decider = loadDecider(policies, 5000, 'test');
  if (!decider) return undefined;
  let failures = 0;
  for (const [i, c] of cases.entries()) {
    const name = typeof c?.name === 'string' ? c.name : `cases[${i}]`;
    const attributes = typeof c?.request === 'string' ? readRequest(resolve(base, c.request)) : undefined;
    if (attributes === undefined) return fail(`${name}: request: a readable CheckRequest file is required`);
    const scope =
      c.gateway === undefined && c.route === undefined
        ? manifestScope
        : scopeOf({ gateway: manifest.gateway, route: manifest.route, routeKind: manifest.routeKind, ...c });
    if (typeof scope === 'string') return fail(`${name}: ${scope}`);
    const decision = await decider.decide(attributes, scope, protocol);
    const diff = differences(c.expect ?? {}, decision);
    failures += diff.length === 0 ? 0 : 1;
    process.stdout.write(`${diff.length === 0 ? 'PASS' : 'FAIL'} ${path}: ${name}\n${diff.map((d) => `     ${d}\n`).join('')}`);
  }
  return failures;
}

/** The scope `gateway:`, `route:` and `routeKind:` name, as `kgate check --gateway/--route/--route-kind` build it; a string is the reason it is refused. */
function scopeOf(fields: { gateway?: unknown; route?: unknown; routeKind?: unknown }): CheckScope | undefined | string {
  try {
    const gateway = fields.gateway === undefined ? undefined : gatewayScope(String(fields.gateway));
    return routeScope(
      gateway,
      fields.route === undefined ? undefined : String(fields.route),
      fields.routeKind === undefined ? 'HTTPRoute' : String(fields.routeKind),
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return error.message
      .replace(/^--gateway: /, 'gateway: ')
      .replace(/^--route: /, 'route: ')
      .replace(/^--route-kind: /, 'routeKind: ');
  }
}

function differences(expect: Expect, decision: Decision): string[] {
  const out: string[] = [];
  const compare = (what: string, want: unknown, got: unknown) => {
    if (want !== undefined && JSON.stringify(want) !== JSON.stringify(got)) out.push(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
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

// ---- Kyverno CLI Test manifests ----

type Mode = 'Envoy' | 'HTTP';

interface Payload {
  /** As written in the manifest. */
  readonly file: string;
  readonly path: string;
  readonly mode: Mode;
  readonly objects: CelObjects;
}

/** A policy's result on one payload, as the Kyverno CLI reports it. */
interface Outcome {
  readonly result: 'pass' | 'fail' | 'skip' | 'error';
  readonly message: string;
}

const RESULTS = ['pass', 'fail', 'skip', 'error', 'warn'];

/** Kyverno CLI Test fields that test admission of Kubernetes resources, not authorization. */
const ADMISSION_FIELDS = [
  'resources',
  'jsonPayload',
  'jsonPayloads',
  'targetResources',
  'paramResources',
  'variables',
  'values',
  'userinfo',
  'context',
  'clusterResources',
  'apiCallResponses',
  'globalContextEntries',
];

async function runKyverno(path: string, where: string, manifest: Manifest): Promise<number | undefined> {
  const fail = (reason: string) => {
    process.stderr.write(`kgate test: ${where}: ${reason}\n`);
    return undefined;
  };
  const base = dirname(path);
  const metadata = (manifest.metadata ?? {}) as Manifest;
  const name = typeof metadata.name === 'string' ? metadata.name : typeof manifest.name === 'string' ? manifest.name : basename(path);
  const strings = (field: string): string[] | undefined => {
    const value = manifest[field] ?? [];
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  };
  const policyFiles = strings('policies');
  if (!policyFiles || policyFiles.length === 0) return fail('policies: name at least one policy file or folder');
  const admission = ADMISSION_FIELDS.filter(
    (f) => manifest[f] !== undefined && manifest[f] !== '' && !(Array.isArray(manifest[f]) && manifest[f].length === 0),
  );
  if (admission.length > 0) return fail(`${admission.join(', ')}: kgate tests authorization requests only (envoyPayloads, httpPayloads)`);
  const envoyFiles = strings('envoyPayloads');
  const httpFiles = strings('httpPayloads');
  if (!envoyFiles) return fail('envoyPayloads: expected a list of CheckRequest files');
  if (!httpFiles) return fail('httpPayloads: expected a list of request files');
  if (envoyFiles.length + httpFiles.length === 0) return fail('envoyPayloads, httpPayloads: name at least one request file');
  const results = Array.isArray(manifest.results) ? (manifest.results as Manifest[]) : [];
  if (results.length === 0) return fail('results: at least one expected result');
  for (const [i, r] of results.entries()) {
    if (typeof r?.policy !== 'string' || r.policy === '') return fail(`results[${i}].policy: the name of a ValidatingPolicy is required`);
    const expected = r.result ?? r.status;
    if (typeof expected !== 'string' || !RESULTS.includes(expected)) return fail(`results[${i}].result: expected one of ${RESULTS.join(', ')}`);
  }

  const payloads: Payload[] = [];
  for (const file of envoyFiles) {
    const request = readRequest(resolve(base, file));
    if (request === undefined) return fail(`envoyPayloads: ${file} is not a readable CheckRequest`);
    payloads.push({ file, path: resolve(base, file), mode: 'Envoy', objects: celObjects(request) });
  }
  for (const file of httpFiles) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(resolve(base, file), 'utf8'));
    } catch (error) {
      return fail(`httpPayloads: ${file}: ${errorText(error)}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail(`httpPayloads: ${file}: expected an http.CheckRequest object`);
    const object = httpCheckRequestFromJson(json);
    payloads.push({ file, path: resolve(base, file), mode: 'HTTP', objects: { Envoy: () => object, HTTP: () => object } });
  }

  const store = loadStore(
    policyFiles.map((p) => resolve(base, p)),
    'test',
  );
  if (!store) return undefined;
  const policies = [...store.entries()].flatMap(([, held]) => held).filter((p) => p.cel?.kind === 'ValidatingPolicy');
  const outcomes = new Map<Payload, Map<string, Outcome>>();
  for (const payload of payloads) {
    const byPolicy = new Map<string, Outcome>();
    for (const policy of policies.filter((p) => policyMode(p) === payload.mode)) byPolicy.set(policy.name, await outcome(policy, payload));
    outcomes.set(payload, byPolicy);
  }

  let failures = 0;
  const report = (ok: boolean, label: string, detail?: string) => {
    failures += ok ? 0 : 1;
    process.stdout.write(`${ok ? 'PASS' : 'FAIL'} ${path}: ${name}: ${label}\n${ok || !detail ? '' : `     ${detail}\n`}`);
  };
  for (const [i, r] of results.entries()) {
    const policy = (r.policy as string).split('/').at(-1)!;
    const expected = String(r.result ?? r.status);
    const resources = Array.isArray(r.resources) ? r.resources.map(String) : [];
    const targets = resources.length === 0 ? payloads : payloads.filter((p) => resources.some((x) => x === p.file || resolve(base, x) === p.path));
    if (targets.length === 0) {
      report(false, `results[${i}] ${policy}: ${expected}`, `resources: none of ${resources.join(', ')} is a payload of this test`);
      continue;
    }
    for (const payload of targets) {
      const label = `${policy} on ${relative(base, payload.path)}: ${expected}`;
      const got = outcomes.get(payload)?.get(policy);
      if (!got) report(false, label, `not found: no ${payload.mode} mode ValidatingPolicy ${policy} is loaded from policies`);
      else report(got.result === expected, label, `result: expected ${expected}, got ${got.result} (${got.message})`);
    }
  }
  return failures;
}

function policyMode(policy: CompiledPolicy): Mode {
  return (policy.cel as { mode?: Mode } | undefined)?.mode ?? 'Envoy';
}

/** The policy alone on the payload, as the Kyverno CLI evaluates it (without exceptions, which it does not apply to payloads). */
async function outcome(policy: CompiledPolicy, payload: Payload): Promise<Outcome> {
  const result = await evaluateCelPolicies([policy], undefined, undefined, payload.mode === 'HTTP' ? 'http' : 'grpc', payload.objects);
  if (result.kind === 'none') return { result: 'skip', message: 'request does not match' };
  if (result.kind === 'error') return { result: 'error', message: result.message };
  const { response } = result;
  if (response.allowed) return { result: 'pass', message: 'request allowed' };
  if (response instanceof HttpCheckResponse) return { result: 'fail', message: `request denied, reason: ${(response.answer as HttpDenied).reason}` };
  return { result: 'fail', message: `request denied with status code ${(response.http as DeniedHttpResponse).code}` };
}
