// The authorization decision: every policy in scope is evaluated against the
// request's AttributeContext; violations of enforcing policies deny, errors
// are decided by each policy's failurePolicy, and allowed requests get the
// headers and metadata the policies compute.
import { all, isPromise, then } from './async.js';
import { GrpcCode } from './grpc-code.js';
import { Bindings } from './bindings.js';
import type { Decision, Header, Reason, ResponseHeader } from './decision.js';
import type { AllowShape, CompiledHeader, ValueTree } from './policy/authorization.js';
import type { CompiledPolicy } from './policy/policy.js';
import { policyBindings, type RuleResult, type Violation } from './policy/rules.js';
import type { EvalScope, MaybePromise } from './types.js';
import { errorText } from './types.js';
import { DeadlineExceededError } from './types.js';

export interface AuthorizeInput {
  /** The protobuf JSON of the request's AttributeContext: the policies' payload. */
  readonly attributes: unknown;
  /** Derived request bindings (`$query`, `$body`, ...), lazy. */
  readonly bindings?: Bindings;
}

export interface AuthorizeOptions {
  /** performance.now() after which evaluation stops (an evaluation error for the policies left). */
  readonly deadline?: number;
  /** How the Check arrived (Kyverno Authz HTTP mode policies decide only plain-HTTP Checks); gRPC when unset. */
  readonly transport?: 'grpc' | 'http';
  /**
   * How specific the scope each policy (by id) applies at is (Gateway 0 … rule 3). The denial
   * is shaped by the violated rule with `deny` of the most specific scope; policies come in
   * least specific first, so allow shaping applies the most specific last. Absent: all equal.
   */
  readonly specificity?: ReadonlyMap<string, number>;
}

const FORBIDDEN = 403;
/** Evaluation errors never tell the client why: that is in the decision log. */
const ERROR_BODY = 'access denied\n';
const TEXT_PLAIN: Header = { name: 'content-type', value: 'text/plain; charset=utf-8' };

interface Evaluated {
  readonly policy: CompiledPolicy;
  readonly payload: unknown;
  readonly scope: EvalScope;
  /** Undefined when the policy could not be evaluated (see `error`). */
  readonly results?: readonly RuleResult[];
  readonly error?: unknown;
}

interface Violated {
  readonly evaluated: Evaluated;
  readonly rule: string;
}

export async function authorize(policies: readonly CompiledPolicy[], input: AuthorizeInput, options: AuthorizeOptions = {}): Promise<Decision> {
  const reasons: Reason[] = [];
  const evaluated: Evaluated[] = [];
  let violated: Violated[] = [];
  let failed = false;
  for (const policy of policies) {
    const outcome = await evaluate(policy, input, options.deadline);
    evaluated.push(outcome);
    if (!outcome.results) {
      reasons.push(errorReason(policy, outcome.error));
      failed ||= blocks(policy);
      continue;
    }
    for (const result of outcome.results) {
      if (result.status === 'fail') {
        reasons.push(violationReason(policy, result));
        if (policy.mode === 'Enforce') violated.push({ evaluated: outcome, rule: result.rule });
      } else if (result.status === 'error') {
        reasons.push({ policy: policy.id, rule: result.rule, kind: 'error', message: result.error ?? 'evaluation failed' });
        failed ||= blocks(policy);
      }
    }
  }
  if (violated.length === 0 && !failed) {
    const allowed = await allowDecision(evaluated, reasons);
    if (allowed) return allowed;
    failed = true;
    violated = [];
  }
  return denyDecision(mostSpecificFirst(violated, options.specificity), reasons, evaluated);
}

/** Violations of the most specific scope first; policy and rule order within a scope (a stable sort). */
function mostSpecificFirst(violated: Violated[], specificity: ReadonlyMap<string, number> | undefined): Violated[] {
  if (!specificity || violated.length < 2) return violated;
  const of = (v: Violated) => specificity.get(v.evaluated.policy.id) ?? 0;
  return [...violated].sort((a, b) => of(b) - of(a));
}

const NO_SHAPING: Decision['upstream'] = { set: [], append: [], remove: [], setQuery: [], removeQuery: [] };

/**
 * The decision when the policies could not be evaluated at all (a hard time
 * box, an unexpected failure): an error of every policy, decided by their
 * failurePolicy and mode.
 */
export function failedDecision(policies: readonly CompiledPolicy[], message: string): Decision {
  const reasons: Reason[] = [{ policy: policies.map((p) => p.id).join(',') || '-', kind: 'error', message }];
  const ids = policies.map((p) => p.id);
  const base = { upstream: NO_SHAPING, responseHeaders: [], reasons, policies: ids };
  if (!policies.some(blocks)) return { ...base, allowed: true, httpStatus: 200, grpcCode: 0 };
  return { ...base, allowed: false, httpStatus: FORBIDDEN, grpcCode: GrpcCode.PERMISSION_DENIED, denial: { headers: [TEXT_PLAIN], body: ERROR_BODY } };
}

/** Whether an evaluation error of this policy denies the request. */
function blocks(policy: CompiledPolicy): boolean {
  return policy.failurePolicy === 'Fail' && policy.mode === 'Enforce';
}

async function evaluate(policy: CompiledPolicy, input: AuthorizeInput, deadline: number | undefined): Promise<Evaluated> {
  let bindings = policyBindings(input.bindings ?? Bindings.empty, input.attributes, policy.document);
  const context = policy.shaping?.context;
  if (context) bindings = context(input.attributes, bindings, deadline);
  const scope: EvalScope = deadline === undefined ? { bindings } : { bindings, deadline };
  try {
    const results = await policy.rules.evaluate(input.attributes, { bindings, ...(deadline === undefined ? {} : { deadline }) });
    return { policy, payload: input.attributes, scope, results };
  } catch (error) {
    return { policy, payload: input.attributes, scope, error };
  }
}

function errorReason(policy: CompiledPolicy, error: unknown): Reason {
  const message = error instanceof DeadlineExceededError ? error.message : `evaluation failed: ${errorText(error)}`;
  return { policy: policy.id, kind: 'error', message };
}

function violationReason(policy: CompiledPolicy, result: RuleResult): Reason {
  return {
    policy: policy.id,
    rule: result.rule,
    kind: policy.mode === 'Enforce' ? 'violation' : 'audit',
    message: violationMessages(result.rule, result.violations).join('; '),
    violations: result.violations,
  };
}

/** The distinct messages of a rule's failed assertions (a message-less one is named by its rule). */
function violationMessages(rule: string, violations: readonly Violation[]): string[] {
  const messages: string[] = [];
  for (const v of violations) {
    const message = v.message ?? `rule ${rule} failed`;
    if (!messages.includes(message)) messages.push(message);
  }
  return messages;
}

/** `CHECK: path: detail` per field error of a reason, as `kgate check` prints them. Rendered on demand: the request path never needs them. */
export function violationDetails(reason: Reason): string[] {
  return (reason.violations ?? []).flatMap((v) => v.errors.map((e) => `${v.check}: ${e.path}: ${e.detail}`));
}

/**
 * A later policy's `set` replaces an earlier one's for the same name, so the answer carries one
 * value per name: what Envoy would end with anyway, but readable in the decision and in `kgate test`.
 */
function overwrite(earlier: Header[], later: readonly Header[]): Header[] {
  if (later.length === 0 || earlier.length === 0) return [...earlier, ...later];
  const names = new Set(later.map((h) => h.name.toLowerCase()));
  return [...earlier.filter((h) => !names.has(h.name.toLowerCase())), ...later];
}

async function allowDecision(evaluated: readonly Evaluated[], reasons: Reason[]): Promise<Decision | undefined> {
  const upstream = { set: [] as Header[], append: [] as Header[], remove: [] as string[], setQuery: [] as Header[], removeQuery: [] as string[] };
  const responseHeaders: ResponseHeader[] = [];
  let metadata: Record<string, unknown> | undefined;
  for (const { policy, payload, scope, results } of evaluated) {
    const allow = policy.shaping?.allow;
    if (!allow || !results) continue;
    try {
      const pending = shape(allow, payload, scope);
      const shaped = isPromise(pending) ? await pending : pending;
      upstream.set = overwrite(upstream.set, shaped.requestSet);
      upstream.append.push(...shaped.requestAppend);
      upstream.remove.push(...allow.requestRemove);
      upstream.setQuery = overwrite(upstream.setQuery, shaped.querySet);
      upstream.removeQuery.push(...allow.queryRemove);
      responseHeaders.push(...shaped.responseSet.map((h) => ({ ...h, append: false })), ...shaped.responseAppend.map((h) => ({ ...h, append: true })));
      if (shaped.metadata) metadata = { ...metadata, ...shaped.metadata };
    } catch (error) {
      reasons.push({ policy: policy.id, kind: 'error', message: `allow shaping failed: ${errorText(error)}` });
      if (blocks(policy)) return undefined;
    }
  }
  return {
    allowed: true,
    httpStatus: 200,
    grpcCode: 0,
    upstream,
    responseHeaders,
    ...(metadata === undefined ? {} : { metadata }),
    reasons,
    policies: evaluated.map((e) => e.policy.id),
  };
}

/** The allow shaping of one policy; synchronous when every value is (the usual case). */
function shape(allow: AllowShape, payload: unknown, scope: EvalScope) {
  const parts: MaybePromise<unknown>[] = [
    evaluateHeaders(allow.requestSet, payload, scope),
    evaluateHeaders(allow.requestAppend, payload, scope),
    evaluateHeaders(allow.querySet, payload, scope),
    evaluateHeaders(allow.responseSet, payload, scope),
    evaluateHeaders(allow.responseAppend, payload, scope),
    allow.metadata ? evaluateTree(allow.metadata, payload, scope) : undefined,
  ];
  const assemble = ([requestSet, requestAppend, querySet, responseSet, responseAppend, metadata]: unknown[]) => ({
    requestSet: requestSet as Header[],
    requestAppend: requestAppend as Header[],
    querySet: querySet as Header[],
    responseSet: responseSet as Header[],
    responseAppend: responseAppend as Header[],
    metadata: metadata as Record<string, unknown> | undefined,
  });
  return then(all(parts), assemble);
}

async function denyDecision(violated: readonly Violated[], reasons: readonly Reason[], evaluated: readonly Evaluated[]): Promise<Decision> {
  const extra: Reason[] = [];
  const shaped = violated.find((v) => v.evaluated.policy.shaping?.deny.get(v.rule));
  const denial = shaped?.evaluated.policy.shaping?.deny.get(shaped.rule);
  let headers: Header[] = [];
  let body = violated.length === 0 ? ERROR_BODY : defaultBody(reasons);
  if (shaped && denial) {
    try {
      const { payload } = shaped.evaluated;
      headers = await evaluateHeaders(denial.headers, payload, shaped.evaluated.scope);
      if (denial.body) body = renderValue(await denial.body(payload, shaped.evaluated.scope)) ?? '';
    } catch (error) {
      headers = [];
      extra.push({ policy: shaped.evaluated.policy.id, rule: shaped.rule, kind: 'error', message: `denial shaping failed: ${errorText(error)}` });
    }
  }
  const hasType = headers.some((h) => h.name === 'content-type');
  return {
    allowed: false,
    httpStatus: denial?.status ?? FORBIDDEN,
    grpcCode: denial?.code ?? GrpcCode.PERMISSION_DENIED,
    denial: { headers: hasType ? headers : [TEXT_PLAIN, ...headers], body },
    upstream: NO_SHAPING,
    responseHeaders: [],
    reasons: [...reasons, ...extra],
    policies: evaluated.map((e) => e.policy.id),
  };
}

/** The client-facing body of a violation: the rules' messages, one per line, each once. */
function defaultBody(reasons: readonly Reason[]): string {
  const messages = new Set<string>();
  for (const r of reasons) if (r.kind === 'violation') for (const m of violationMessages(r.rule ?? '', r.violations ?? [])) messages.add(m);
  let body = '';
  for (const m of messages) body += `${m}\n`;
  return body;
}

const NO_HEADERS: Header[] = [];

function evaluateHeaders(list: readonly CompiledHeader[], payload: unknown, scope: EvalScope): MaybePromise<Header[]> {
  if (list.length === 0) return NO_HEADERS;
  const values = list.map((header) => header.value(payload, scope));
  const render = (settled: readonly unknown[]) => {
    const out: Header[] = [];
    settled.forEach((value, i) => {
      const text = renderValue(value);
      if (text !== undefined) out.push({ name: list[i]!.name, value: text });
    });
    return out;
  };
  return then(all(values), render);
}

/** Header and body text of a computed value: null means "leave it out". */
function renderValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function evaluateTree(tree: ValueTree, payload: unknown, scope: EvalScope): MaybePromise<unknown> {
  switch (tree.kind) {
    case 'leaf':
      return tree.value(payload, scope);
    case 'array': {
      const items = tree.items.map((item) => evaluateTree(item, payload, scope));
      return all(items);
    }
    case 'object': {
      const values = tree.entries.map(([, value]) => evaluateTree(value, payload, scope));
      const build = (settled: readonly unknown[]) => Object.fromEntries(tree.entries.map(([key], i) => [key, settled[i]]));
      return then(all(values), build);
    }
  }
}
