// `kgate check`: one CheckRequest through exactly the path `kgate serve`
// takes (same policy loading, scope selection, input, decider and
// CheckResponse mapping), offline. stdout: the CheckResponse as protobuf
// JSON. stderr: why. Exit 0 allowed, 1 denied, 2 error.
import { readFileSync } from 'node:fs';
import { fromJson, toJson, toJsonString, type JsonValue } from '@bufbuild/protobuf';
import { parse as parseYaml } from 'yaml';
import { Decider } from '../authz/decide.js';
import { Metrics } from '../authz/metrics.js';
import { PolicyFiles, PolicyLoadError } from '../policies/file-source.js';
import { checkResponse } from '../authz/response.js';
import type { CheckScope } from '../policies/scope.js';
import { PolicyStore } from '../policies/store.js';
import { violationDetails } from '../engine/authorize.js';
import type { CompiledPolicy } from '../engine/policy/policy.js';
import { isGatewayRef, isRouteRef, ROUTE_KINDS } from '../engine/policy/targets.js';
import { createCompilers } from '../engine/compilers/index.js';
import type { Decision } from '../engine/decision.js';
import { AttributeContextSchema } from '../gen/envoy/service/auth/v3/attribute_context_pb.js';
import { CheckRequestSchema, CheckResponseSchema } from '../gen/envoy/service/auth/v3/external_auth_pb.js';
import { createKeyResolver } from '../keys/index.js';
import { parseDuration } from '../runtime/units.js';
import { createLogger } from '../runtime/logger.js';
import { DEFAULT_DECISION_TIMEOUT, parseFlags, runCommand, UsageError } from './args.js';
import { errorText } from '../engine/types.js';

const usage = `usage: kgate check --policy PATH... --request FILE [--gateway NS/NAME[/LISTENER]] [--route NS/NAME[/RULE]]

Decides one Envoy CheckRequest offline, as \`kgate serve\` would.

  --policy PATH            policy file or folder (repeatable)
  --request FILE           CheckRequest in protobuf JSON or YAML
  --gateway NS/NAME[/L]    the Gateway (and listener) the request came through; without it,
                           only policies without targetRefs apply
  --route NS/NAME[/RULE]   the HTTPRoute (and rule, by its name) that served the request: policies
                           targeting it (or that rule) apply too, at route/rule precedence
  --route-kind KIND        HTTPRoute (default) or GRPCRoute
  --decision-timeout DUR   time box of the decision (default ${DEFAULT_DECISION_TIMEOUT}, as serve)

Prints the CheckResponse as JSON on stdout and the reasons on stderr.
Exit status: 0 allowed, 1 denied, 2 error (bad policy, bad request, bad flags, or no
policy applies to the scope: serve would allow such a request, check refuses to call
that a decision and says which policies the scope missed).
`;

const options = {
  policy: { type: 'string', multiple: true, default: [] as string[] },
  request: { type: 'string' },
  gateway: { type: 'string' },
  route: { type: 'string' },
  'route-kind': { type: 'string', default: 'HTTPRoute' },
  'decision-timeout': { type: 'string', default: DEFAULT_DECISION_TIMEOUT },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[]): Promise<number> {
  return runCommand('check', usage, async () => {
    const flags = parseFlags(argv, options);
    if (flags.help) {
      process.stdout.write(usage);
      return 0;
    }
    if (flags.policy.length === 0) throw new UsageError('--policy is required');
    if (!flags.request) throw new UsageError('--request is required');
    const scope = routeScope(flags.gateway === undefined ? undefined : gatewayScope(flags.gateway), flags.route, flags['route-kind']);
    let timeoutMs: number;
    try {
      timeoutMs = parseDuration(flags['decision-timeout'], '--decision-timeout');
    } catch (error) {
      throw new UsageError(errorText(error));
    }
    const attributes = readRequest(flags.request);
    if (attributes === undefined) return 2;
    const store = loadStore(flags.policy);
    if (!store) return 2;
    if (store.forScope(scope).length === 0) {
      process.stderr.write(`kgate check: ${noPolicyApplies(store, flags.gateway, flags.route)}\n`);
      return 2;
    }
    const decision = await deciderFor(store, timeoutMs).decide(attributes, scope, 'grpc');
    process.stdout.write(`${toJsonString(CheckResponseSchema, checkResponse(decision), { prettySpaces: 2 })}\n`);
    process.stderr.write(explain(decision));
    return decision.allowed ? 0 : 1;
  });
}

/**
 * `ns/name/listener` is the section a filter injected for that listener
 * reports; `ns/name` alone asks for the Gateway as a whole, which only
 * Gateway-wide targets (no sectionName) match.
 */
export function gatewayScope(text: string): CheckScope {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new UsageError(`--gateway: expected NAMESPACE/NAME or NAMESPACE/NAME/LISTENER, got ${JSON.stringify(text)}`);
  }
  const [namespace, name, listener = ''] = parts;
  return { listener: 'kgate-check', sections: [`${namespace}/${name}/${listener}`] };
}

/** The scope with `--route NS/NAME[/RULE]`: the route identity the per-route context extensions would carry. */
export function routeScope(scope: CheckScope | undefined, route: string | undefined, kind: string): CheckScope | undefined {
  if (route === undefined) return scope;
  if (!(ROUTE_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--route-kind: expected ${ROUTE_KINDS.join(' or ')}, got ${JSON.stringify(kind)}`);
  const parts = route.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new UsageError(`--route: expected NAMESPACE/NAME or NAMESPACE/NAME/RULE, got ${JSON.stringify(route)}`);
  }
  const [namespace, name, rule] = parts as [string, string, string?];
  return { ...(scope ?? { sections: [] }), route: { identity: { kind, namespace, name, ...(rule === undefined ? {} : { rule }) } } };
}

/** The AttributeContext JSON of the request file, normalized as Envoy's bytes would decode; undefined after reporting an error. */
export function readRequest(path: string): unknown {
  const fail = (reason: string): undefined => {
    process.stderr.write(`kgate check: ${path}: ${reason}\n`);
    return undefined;
  };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail(errorText(error));
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    return fail(`not JSON or YAML: ${errorText(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a CheckRequest object');
  try {
    const request = fromJson(CheckRequestSchema, value as JsonValue);
    if (!request.attributes) return fail('the CheckRequest has no attributes');
    return toJson(AttributeContextSchema, request.attributes);
  } catch (error) {
    return fail(`not a valid envoy.service.auth.v3.CheckRequest: ${errorText(error)}`);
  }
}

const silent = createLogger('silent');
const metrics = new Metrics(() => ({ policies: {}, ready: true }));

/** The policies of the files, loaded as serve loads them; undefined after reporting why not. */
export function loadStore(paths: string[], command = 'check'): PolicyStore | undefined {
  const store = new PolicyStore();
  const compilers = createCompilers({ now: Date.now, keys: createKeyResolver() });
  try {
    new PolicyFiles({ paths, compilers, store, logger: silent, metrics }).load();
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error;
    process.stderr.write(`kgate ${command}: ${error.message}\n`);
    return undefined;
  }
  return store;
}

function deciderFor(store: PolicyStore, timeoutMs: number): Decider {
  return new Decider({ store, metrics, logger: silent, timeoutMs, decisionLog: false });
}

export function loadDecider(paths: string[], timeoutMs: number, command = 'check'): Decider | undefined {
  const store = loadStore(paths, command);
  return store && deciderFor(store, timeoutMs);
}

/** Why the scope selected nothing: the scope used, and what each loaded policy attaches to. */
function noPolicyApplies(store: PolicyStore, gateway: string | undefined, route: string | undefined): string {
  const flags = [gateway === undefined ? '' : `--gateway ${gateway}`, route === undefined ? '' : `--route ${route}`].filter((f) => f !== '').join(' ');
  const scope = flags === '' ? 'an untagged request (no --gateway or --route: only policies without targetRefs apply)' : `the scope ${flags}`;
  const policies = [...store.entries()].flatMap(([, policies]) => policies);
  if (policies.length === 0) return `no policy applies to ${scope}: the --policy paths hold no policy`;
  const lines = policies.map((policy) => `  policy ${policy.id} ${attachment(policy)}`);
  const hint = policies.flatMap((policy) => gatewayFlags(policy))[0];
  return [
    `no policy applies to ${scope}:`,
    ...lines,
    ...(hint ? [`pass ${hint} to decide as that ${hint.startsWith('--route') ? "route's" : "Gateway's"} traffic`] : []),
  ].join('\n');
}

function attachment(policy: CompiledPolicy): string {
  if (policy.targetSelectors && policy.targetRefs.length === 0) return 'attaches through targetSelectors, which only Envoy Gateway resolves';
  const ns = policy.namespace ?? 'default';
  const refs = policy.targetRefs.map(
    (ref) => `${ref.kind} ${ns}/${ref.name}${ref.sectionName === undefined ? '' : ` ${isRouteRef(ref) ? 'rule' : 'listener'} ${ref.sectionName}`}`,
  );
  return `targets ${refs.join(', ')}`;
}

function gatewayFlags(policy: CompiledPolicy): string[] {
  const ns = policy.namespace ?? 'default';
  return policy.targetRefs.flatMap((ref) => {
    const section = ref.sectionName === undefined ? '' : `/${ref.sectionName}`;
    if (isGatewayRef(ref)) return [`--gateway ${ns}/${ref.name}${section}`];
    if (isRouteRef(ref)) return [`--route ${ns}/${ref.name}${section}${ref.kind === 'HTTPRoute' ? '' : ` --route-kind ${ref.kind}`}`];
    return [];
  });
}

function explain(decision: Decision): string {
  const lines = [`${decision.allowed ? 'allowed' : 'denied'} (HTTP ${decision.httpStatus}; policies: ${decision.policies.join(', ')})`];
  for (const reason of decision.reasons) {
    lines.push(`  ${reason.kind}: ${reason.policy}${reason.rule ? `/${reason.rule}` : ''}: ${reason.message}`);
    for (const detail of violationDetails(reason)) lines.push(`    -> ${detail}`);
  }
  return `${lines.join('\n')}\n`;
}
