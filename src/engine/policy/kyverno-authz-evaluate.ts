// Kyverno Authz's decision over its policies: in name order, the first policy
// that answers (a CheckResponse) or fails (an error under failurePolicy Fail)
// decides; none answering is no decision. Within a policy: matchConditions
// (all true; an error counts only when none is false), then exceptions
// (all their conditions true skip the policy), then validations in order,
// the first non-null response deciding. Variables are computed only for the
// expressions that mention them, once per request, and an error in one
// surfaces only where it is read.
import { CheckResponse, DeniedHttpResponse, OkHttpResponse } from '../cel/envoy.js';
import { HttpCheckResponse, HttpDenied, HttpOk, httpCheckRequestObject } from '../cel/http.js';
import type { CelProgram } from '../cel/program.js';
import { checkRequestObject } from '../cel/request.js';
import type { Decision, Header } from '../decision.js';
import { DeadlineExceededError, EvaluationError, errorText } from '../types.js';
import type { CelException, CelPolicy, NamedProgram } from './kyverno-authz.js';
import type { CompiledPolicy } from './policy.js';

export type CelOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'response'; readonly policy: string; readonly response: CheckResponse | HttpCheckResponse }
  | { readonly kind: 'error'; readonly policy: string; readonly message: string };

const NONE: CelOutcome = { kind: 'none' };

type Context = { object: unknown; variables: Record<string, unknown> };

/** How the Check arrived: gRPC (Envoy mode policies) or kgate's plain-HTTP port (HTTP and Envoy mode policies). */
export type Transport = 'grpc' | 'http';

/** Each mode's `object`, built once per request and only for a mode some policy has. */
export interface CelObjects {
  readonly Envoy: () => unknown;
  readonly HTTP: () => unknown;
}

function lazy(build: () => unknown): () => unknown {
  let value: unknown;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}

export function celObjects(attributes: unknown): CelObjects {
  return { Envoy: lazy(() => checkRequestObject(attributes)), HTTP: lazy(() => httpCheckRequestObject(attributes)) };
}

/**
 * The policies' outcome for one Check (`attributes`: its AttributeContext protobuf JSON, or
 * the mode objects themselves). Over gRPC only Envoy mode policies apply, as on Kyverno
 * Authz's gRPC server; over kgate's HTTP port both modes do, in one name order.
 */
export async function evaluateCelPolicies(
  policies: readonly CompiledPolicy[],
  attributes: unknown,
  deadline?: number,
  transport: Transport = 'grpc',
  objects: CelObjects = celObjects(attributes),
): Promise<CelOutcome> {
  const cel = policies
    .flatMap((p) => (p.cel?.kind === 'ValidatingPolicy' && (transport === 'http' || p.cel.mode === 'Envoy') ? [p.cel] : []))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (cel.length === 0) return NONE;
  const exceptions = policies.flatMap((p) => (p.cel?.kind === 'PolicyException' ? [p.cel] : []));
  for (const policy of cel) {
    if (deadline !== undefined && performance.now() > deadline) return { kind: 'error', policy: policy.name, message: new DeadlineExceededError().message };
    const outcome = await evaluatePolicy(
      policy,
      exceptions.filter((e) => e.mode === policy.mode && e.policyRefs.includes(policy.name)),
      objects[policy.mode](),
    );
    if (outcome.kind !== 'none') return outcome;
  }
  return NONE;
}

async function evaluatePolicy(policy: CelPolicy, exceptions: readonly CelException[], object: unknown): Promise<CelOutcome> {
  try {
    return await decide(policy, exceptions, object);
  } catch (error) {
    if (policy.failurePolicy === 'Ignore') return NONE;
    return { kind: 'error', policy: policy.name, message: errorText(error) };
  }
}

async function decide(policy: CelPolicy, exceptions: readonly CelException[], object: unknown): Promise<CelOutcome> {
  if (!(await matches(policy.matchConditions, { object, variables: {} }, `ValidatingPolicy ${policy.name}`))) return NONE;
  const variables = new Variables(policy, object);
  for (const exception of exceptions) {
    if (await exempts(exception, variables)) return NONE;
  }
  for (const [index, validation] of policy.validations.entries()) {
    const value = await variables.run(validation, `validation ${index}`);
    if (value === null || value === undefined) continue;
    if (policy.mode === 'Envoy' ? value instanceof CheckResponse : value instanceof HttpCheckResponse) {
      return { kind: 'response', policy: policy.name, response: value as CheckResponse | HttpCheckResponse };
    }
    throw new EvaluationError(
      `ValidatingPolicy ${policy.name}: spec.validations[${index}] returned ${describe(value)}, expected an ${policy.mode === 'Envoy' ? 'envoy' : 'http'} CheckResponse (…Response()) or null`,
    );
  }
  return NONE;
}

/** All true: matched. One false: not matched, whatever errors others had. Otherwise the errors fail the match. */
async function matches(conditions: readonly NamedProgram[], context: Context, what: string): Promise<boolean> {
  const errors: string[] = [];
  for (const { name, program } of conditions) {
    try {
      const value = await program.evaluate(context);
      if (value === false) return false;
      if (value !== true) errors.push(`matchCondition ${name} returned ${describe(value)}, expected bool`);
    } catch (error) {
      errors.push(`matchCondition ${name}: ${firstLine(error)}`);
    }
  }
  if (errors.length > 0) throw new EvaluationError(`${what}: ${errors.join('; ')}`);
  return true;
}

/** Kyverno Authz stops at the first exception condition error (no false-wins rule there). */
async function exempts(exception: CelException, variables: Variables): Promise<boolean> {
  let all = true;
  for (const { name, program } of exception.matchConditions) {
    const value = await variables.run(program, `PolicyException ${exception.name} matchCondition ${name}`);
    if (typeof value !== 'boolean')
      throw new EvaluationError(`PolicyException ${exception.name} matchCondition ${name} returned ${describe(value)}, expected bool`);
    all &&= value;
  }
  return all;
}

type Slot = { state: 'pending' } | { state: 'running' } | { state: 'done'; value: unknown } | { state: 'failed'; error: unknown };

/** The policy's variables for one request, computed on first mention. */
class Variables {
  private readonly slots = new Map<string, Slot>();
  private readonly byName: ReadonlyMap<string, CelProgram>;
  readonly context: Context;

  constructor(policy: CelPolicy, object: unknown) {
    this.byName = new Map(policy.variables.map((v) => [v.name, v.program]));
    const variables: Record<string, unknown> = {};
    for (const name of this.byName.keys()) {
      this.slots.set(name, { state: 'pending' });
      Object.defineProperty(variables, name, { enumerable: true, get: () => this.read(name) });
    }
    this.context = { object, variables };
  }

  /** Evaluates an expression once the variables it mentions are computed. */
  async run(program: CelProgram, what: string): Promise<unknown> {
    await this.prepare(program.variables);
    try {
      return await program.evaluate(this.context);
    } catch (error) {
      throw new EvaluationError(`${what}: ${firstLine(error)}`, { cause: error });
    }
  }

  private async prepare(names: readonly string[]): Promise<void> {
    for (const name of names) {
      const slot = this.slots.get(name);
      if (slot?.state !== 'pending') continue;
      this.slots.set(name, { state: 'running' });
      const program = this.byName.get(name)!;
      try {
        await this.prepare(program.variables);
        this.slots.set(name, { state: 'done', value: await program.evaluate(this.context) });
      } catch (error) {
        this.slots.set(name, { state: 'failed', error });
      }
    }
  }

  private read(name: string): unknown {
    const slot = this.slots.get(name)!;
    if (slot.state === 'done') return slot.value;
    if (slot.state === 'failed') throw new EvaluationError(`variable ${name}: ${firstLine(slot.error)}`);
    throw new EvaluationError(`variable ${name} refers to itself`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof OkHttpResponse) return 'an OkHttpResponse (missing .Response())';
  if (value instanceof DeniedHttpResponse) return 'a DeniedHttpResponse (missing .Response())';
  if (value instanceof HttpOk || value instanceof HttpDenied) return `an http ${value instanceof HttpOk ? 'Allowed' : 'Denied'} answer (missing .Response())`;
  if (value instanceof CheckResponse) return 'an envoy CheckResponse (an HTTP mode policy answers with http.…Response())';
  if (value instanceof HttpCheckResponse) return 'an http CheckResponse (an Envoy mode policy answers with envoy.…Response())';
  if (typeof value === 'bigint') return `int ${value}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? (value.constructor?.name === 'Object' ? 'a map' : String(value.constructor?.name)) : `${typeof value} ${String(value)}`;
}

/** The first line of an error's text (cel-js adds the source and a caret below). */
function firstLine(error: unknown): string {
  return errorText(error).split('\n')[0]!;
}

const NO_UPSTREAM: Decision['upstream'] = { set: [], append: [], remove: [], setQuery: [], removeQuery: [] };

/** The Decision of a CEL response: Envoy gets `envoy` (the CheckResponse JSON) verbatim; the other fields serve logs, metrics and the HTTP protocol. */
export function celDecision(outcome: Extract<CelOutcome, { kind: 'response' }>, policies: readonly string[]): Decision {
  const { response } = outcome;
  if (response instanceof HttpCheckResponse) return httpDecision(outcome.policy, response, policies);
  const http = response.http;
  const envoy = response.toJson();
  const metadata = response.metadata === undefined ? {} : { metadata: response.metadata };
  const headers = (list: readonly { header: { key: string; value: string } }[]): Header[] => list.map((h) => ({ name: h.header.key, value: h.header.value }));
  if (http instanceof DeniedHttpResponse) {
    return {
      allowed: false,
      httpStatus: http.code === 0 ? 403 : http.code,
      grpcCode: 7,
      denial: { headers: headers(http.headers), body: http.body },
      upstream: NO_UPSTREAM,
      responseHeaders: [],
      ...metadata,
      reasons: [{ policy: outcome.policy, kind: 'violation', message: response.message || `denied by ValidatingPolicy ${outcome.policy}` }],
      policies,
      envoy,
    };
  }
  return {
    allowed: true,
    httpStatus: 200,
    grpcCode: 0,
    upstream: {
      set: headers(http.headers),
      append: [],
      remove: [...http.headersToRemove],
      setQuery: http.queryParametersToSet.map((q) => ({ name: q.key, value: q.value })),
      removeQuery: [...http.queryParametersToRemove],
    },
    responseHeaders: headers(http.responseHeadersToAdd).map((h) => ({ ...h, append: false })),
    ...metadata,
    reasons: [],
    policies,
    envoy,
  };
}

/** An HTTP mode answer as Kyverno Authz's HTTP server sends it by default: 200, or 403 with the reason as the body. */
function httpDecision(policy: string, response: HttpCheckResponse, policies: readonly string[]): Decision {
  if (response.answer instanceof HttpDenied) {
    return {
      allowed: false,
      httpStatus: 403,
      grpcCode: 7,
      denial: { headers: [], body: response.answer.reason },
      upstream: NO_UPSTREAM,
      responseHeaders: [],
      reasons: [{ policy, kind: 'violation', message: response.answer.reason || `denied by ValidatingPolicy ${policy}` }],
      policies,
    };
  }
  return { allowed: true, httpStatus: 200, grpcCode: 0, upstream: NO_UPSTREAM, responseHeaders: [], reasons: [], policies };
}
