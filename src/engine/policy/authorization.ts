// kgate's AuthorizationPolicy (kgate.dev/v1alpha1): a kyverno-json
// ValidatingPolicy spec plus targets, failure and audit modes, policy-level
// context and response shaping. Compiled once; nothing here runs per request
// except through the programs it returns.
import type { Compilers } from '../types.js';
import { PolicyError } from '../types.js';
import type { BodySettings, CompiledPolicy, TargetRef } from './policy.js';
import { KGATE_API_VERSION } from './policy.js';
import type { CompileOptions, ContextBinder, ValueProgram } from './rules.js';
import { GrpcCode } from '../grpc-code.js';
import { ShapeError, array, object, onlyKeys, oneOf, required, string } from './shape.js';
import { isGatewayRef, isRouteRef } from './targets.js';
import { runSteps, type Steps } from './steps.js';
import { compileContext, compileRulesSteps, compileValue } from './validating.js';
import { isObject, type Json } from '../json.js';

export interface CompiledHeader {
  readonly name: string;
  readonly value: ValueProgram;
}

/** A literal or computed JSON value (dynamic metadata): objects and arrays are walked, leaves compiled. */
export type ValueTree =
  | { readonly kind: 'leaf'; readonly value: ValueProgram }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, ValueTree])[] }
  | { readonly kind: 'array'; readonly items: readonly ValueTree[] };

export interface DenialShape {
  readonly status?: number;
  readonly code?: number;
  readonly headers: readonly CompiledHeader[];
  readonly body?: ValueProgram;
}

export interface AllowShape {
  readonly requestSet: readonly CompiledHeader[];
  readonly requestAppend: readonly CompiledHeader[];
  readonly requestRemove: readonly string[];
  readonly querySet: readonly CompiledHeader[];
  readonly queryRemove: readonly string[];
  readonly responseSet: readonly CompiledHeader[];
  readonly responseAppend: readonly CompiledHeader[];
  readonly metadata?: ValueTree;
}

export interface ResponseShaping {
  /** Policy-level `spec.context`, bound before the rules' own context. */
  readonly context?: ContextBinder;
  readonly allow?: AllowShape;
  /** Denial shape by rule name. */
  readonly deny: ReadonlyMap<string, DenialShape>;
}

const SPEC_FIELDS = ['targetRefs', 'targetRef', 'targetSelectors', 'compiler', 'failurePolicy', 'mode', 'body', 'context', 'allow', 'rules'];
/** Envoy's with_request_body.max_request_bytes is a uint32; kgate caps it where a Check stays reasonable. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BODY_WORD = /\b((raw)?[bB]ody|truncated)\b/;

export function compileAuthorizationPolicy(doc: Json, source: string, compilers: Compilers, document?: number): CompiledPolicy {
  return runSteps(compileAuthorizationPolicySteps(doc, source, compilers, document));
}

/** compileAuthorizationPolicy, a step per rule and per pass over the rules. */
export function* compileAuthorizationPolicySteps(doc: Json, source: string, compilers: Compilers, document?: number): Steps<CompiledPolicy> {
  const at = (error: unknown): never => {
    if (error instanceof ShapeError) throw new PolicyError(source, error.path, error.reason, document);
    throw error;
  };
  try {
    const metadata = object(required(doc, 'metadata', ''), 'metadata');
    const name = string(required(metadata, 'name', 'metadata'), 'metadata.name');
    if (name === '') throw new ShapeError('metadata.name', 'must not be empty');
    const namespace = metadata.namespace === undefined ? undefined : string(metadata.namespace, 'metadata.namespace');
    const spec = object(required(doc, 'spec', ''), 'spec');
    onlyKeys(spec, SPEC_FIELDS, 'spec');
    const options: CompileOptions = {
      source,
      compilers,
      defaultCompiler: spec.compiler === undefined ? 'jsonata' : oneOf(spec.compiler, ['jsonata', 'jp', 'cel'], 'spec.compiler'),
      ...(document === undefined ? {} : { document }),
    };
    const rulesIn = Array.isArray(spec.rules) ? spec.rules : undefined;
    refuseMultilineExpressions(rulesIn ? { ...spec, rules: [] } : spec, 'spec');
    for (let i = 0; rulesIn && i < rulesIn.length; i++) {
      refuseMultilineExpressions(rulesIn[i], `spec.rules[${i}]`);
      yield;
    }
    array(required(spec, 'rules', 'spec'), 'spec.rules');
    const deny = yield* denialShapes(rulesIn as unknown[], options);
    const plain: unknown[] = [];
    let readsBody = mentionsBody([spec.context, spec.allow]);
    for (const rule of rulesIn as unknown[]) {
      const rest = withoutDeny(rule);
      readsBody ||= mentionsBody(rest);
      plain.push(rest);
      yield;
    }
    const rules = yield* compileRulesSteps({ compiler: options.defaultCompiler, rules: plain }, 'spec', options);
    const shaping: ResponseShaping = {
      deny,
      ...(spec.context === undefined ? {} : { context: compileContext(spec.context, 'spec.context', options) }),
      ...(spec.allow === undefined ? {} : { allow: allowShape(spec.allow, options) }),
    };
    return {
      apiVersion: KGATE_API_VERSION,
      kind: 'AuthorizationPolicy',
      name,
      ...(namespace === undefined ? {} : { namespace }),
      id: namespace === undefined ? name : `${namespace}/${name}`,
      source,
      document: doc,
      targetRefs: targetRefs(spec),
      targetSelectors: spec.targetSelectors !== undefined && array(spec.targetSelectors, 'spec.targetSelectors').length > 0,
      failurePolicy: spec.failurePolicy === undefined ? 'Fail' : oneOf(spec.failurePolicy, ['Fail', 'Ignore'], 'spec.failurePolicy'),
      mode: spec.mode === undefined ? 'Enforce' : oneOf(spec.mode, ['Enforce', 'Audit'], 'spec.mode'),
      readsBody,
      ...(spec.body === undefined ? {} : { body: bodySettings(spec.body) }),
      rules,
      shaping,
    };
  } catch (error) {
    return at(error);
  }
}

function bodySettings(value: unknown): BodySettings {
  const body = object(value, 'spec.body');
  onlyKeys(body, ['maxBytes', 'allowPartial'], 'spec.body');
  const out: { maxBytes?: number; allowPartial?: boolean } = {};
  if (body.maxBytes !== undefined) {
    const n = body.maxBytes;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_BODY_BYTES) {
      throw new ShapeError('spec.body.maxBytes', `expected an integer from 1 to ${MAX_BODY_BYTES}, got ${JSON.stringify(n)}`);
    }
    out.maxBytes = n;
  }
  if (body.allowPartial !== undefined) {
    if (typeof body.allowPartial !== 'boolean')
      throw new ShapeError('spec.body.allowPartial', `expected true or false, got ${JSON.stringify(body.allowPartial)}`);
    out.allowPartial = body.allowPartial;
  }
  return out;
}

function targetRefs(spec: Json): TargetRef[] {
  if (spec.targetRefs !== undefined && spec.targetRef !== undefined) {
    throw new ShapeError('spec.targetRef', 'use either targetRef or targetRefs, not both');
  }
  if (spec.targetRef !== undefined) return [targetRef(spec.targetRef, 'spec.targetRef')];
  if (spec.targetRefs === undefined) return [];
  return array(spec.targetRefs, 'spec.targetRefs').map((ref, i) => targetRef(ref, `spec.targetRefs[${i}]`));
}

function targetRef(value: unknown, path: string): TargetRef {
  const ref = object(value, path);
  onlyKeys(ref, ['group', 'kind', 'name', 'sectionName'], path);
  const out: TargetRef = {
    group: string(required(ref, 'group', path), `${path}.group`),
    kind: string(required(ref, 'kind', path), `${path}.kind`),
    name: string(required(ref, 'name', path), `${path}.name`),
    ...(ref.sectionName === undefined ? {} : { sectionName: string(ref.sectionName, `${path}.sectionName`) }),
  };
  if (!isGatewayRef(out) && !isRouteRef(out)) {
    throw new ShapeError(
      path,
      `kgate attaches to Gateways and routes: group must be gateway.networking.k8s.io and kind Gateway, HTTPRoute or GRPCRoute, got ${out.group}/${out.kind}`,
    );
  }
  return out;
}

function withoutDeny(rule: unknown): unknown {
  if (!isObject(rule) || rule.deny === undefined) return rule;
  const { deny: _deny, ...rest } = rule;
  return rest;
}

function* denialShapes(rules: unknown[], options: CompileOptions): Steps<Map<string, DenialShape>> {
  const shapes = new Map<string, DenialShape>();
  const names = new Set<string>();
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!isObject(rule) || typeof rule.name !== 'string') continue; // compileRules reports it
    if (names.has(rule.name)) throw new ShapeError(`spec.rules[${i}].name`, `duplicate rule name ${JSON.stringify(rule.name)}`);
    names.add(rule.name);
    if (rule.deny !== undefined) shapes.set(rule.name, denialShape(rule.deny, `spec.rules[${i}].deny`, options));
    yield;
  }
  return shapes;
}

function denialShape(value: unknown, path: string, options: CompileOptions): DenialShape {
  const deny = object(value, path);
  onlyKeys(deny, ['status', 'code', 'headers', 'body'], path);
  return {
    ...(deny.status === undefined ? {} : { status: httpStatus(deny.status, `${path}.status`) }),
    ...(deny.code === undefined ? {} : { code: grpcCode(deny.code, `${path}.code`) }),
    headers: headerMap(deny.headers, `${path}.headers`, options),
    ...(deny.body === undefined ? {} : { body: compileValue(deny.body, `${path}.body`, options) }),
  };
}

function httpStatus(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 300 || value > 599) {
    throw new ShapeError(path, `a denial status must be an integer from 300 to 599, got ${JSON.stringify(value)}`);
  }
  return value;
}

function grpcCode(value: unknown, path: string): number {
  const code = typeof value === 'string' ? (Object.hasOwn(GrpcCode, value) ? GrpcCode[value as keyof typeof GrpcCode] : undefined) : value;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 1 || code > 16) {
    throw new ShapeError(
      path,
      `must be a gRPC status name other than OK (e.g. PERMISSION_DENIED, UNAUTHENTICATED) or its number 1-16, got ${JSON.stringify(value)}`,
    );
  }
  return code;
}

function headerName(name: string, path: string): string {
  if (!HEADER_NAME.test(name)) throw new ShapeError(path, `${JSON.stringify(name)} is not a valid HTTP header name (pseudo-headers cannot be set)`);
  return name.toLowerCase();
}

function headerMap(value: unknown, path: string, options: CompileOptions): CompiledHeader[] {
  if (value === undefined) return [];
  return Object.entries(object(value, path)).map(([name, v]) => {
    const where = `${path}.${name}`;
    return { name: headerName(name, where), value: compileValue(v, where, options) };
  });
}

function nameList(value: unknown, path: string, check = true): string[] {
  if (value === undefined) return [];
  return array(value, path).map((v, i) => {
    const name = string(v, `${path}[${i}]`);
    return check ? headerName(name, `${path}[${i}]`) : name;
  });
}

function allowShape(value: unknown, options: CompileOptions): AllowShape {
  const allow = object(value, 'spec.allow');
  onlyKeys(allow, ['request', 'response', 'metadata'], 'spec.allow');
  const request = allow.request === undefined ? {} : object(allow.request, 'spec.allow.request');
  onlyKeys(request, ['headers', 'query'], 'spec.allow.request');
  const requestHeaders = headerOps(request.headers, 'spec.allow.request.headers', ['set', 'append', 'remove']);
  const query = headerOps(request.query, 'spec.allow.request.query', ['set', 'remove']);
  const response = allow.response === undefined ? {} : object(allow.response, 'spec.allow.response');
  onlyKeys(response, ['headers'], 'spec.allow.response');
  const responseHeaders = headerOps(response.headers, 'spec.allow.response.headers', ['set', 'append']);
  const queryMap = (v: unknown, path: string) =>
    Object.entries(v === undefined ? {} : object(v, path)).map(([name, x]) => ({ name, value: compileValue(x, `${path}.${name}`, options) }));
  return {
    requestSet: headerMap(requestHeaders.set, 'spec.allow.request.headers.set', options),
    requestAppend: headerMap(requestHeaders.append, 'spec.allow.request.headers.append', options),
    requestRemove: nameList(requestHeaders.remove, 'spec.allow.request.headers.remove'),
    querySet: queryMap(query.set, 'spec.allow.request.query.set'),
    queryRemove: nameList(query.remove, 'spec.allow.request.query.remove', false),
    responseSet: headerMap(responseHeaders.set, 'spec.allow.response.headers.set', options),
    responseAppend: headerMap(responseHeaders.append, 'spec.allow.response.headers.append', options),
    ...(allow.metadata === undefined ? {} : { metadata: valueTree(object(allow.metadata, 'spec.allow.metadata'), 'spec.allow.metadata', options) }),
  };
}

function headerOps(value: unknown, path: string, ops: string[]): Json {
  if (value === undefined) return {};
  const out = object(value, path);
  onlyKeys(out, ops, path);
  return out;
}

function valueTree(value: unknown, path: string, options: CompileOptions): ValueTree {
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v, i) => valueTree(v, `${path}[${i}]`, options)) };
  if (isObject(value)) {
    return { kind: 'object', entries: Object.entries(value).map(([k, v]) => [k, valueTree(v, `${path}.${k}`, options)] as const) };
  }
  return { kind: 'leaf', value: compileValue(value, path, options) };
}

/**
 * kyverno-json reads `(expr)` only on one line: a YAML block scalar that keeps
 * a line break turns the expression into a literal string that silently
 * never matches. kgate refuses it instead.
 */
function refuseMultilineExpressions(value: unknown, path: string): void {
  const check = (text: string, where: string) => {
    if (text.includes('\n') && /^\s*\(/.test(text) && /\)\s*$/.test(text)) {
      throw new ShapeError(where, 'an expression must be on one line (a YAML block scalar kept a line break, which would make it a literal string)');
    }
  };
  if (typeof value === 'string') check(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => refuseMultilineExpressions(v, `${path}[${i}]`));
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      check(k, `${path}.${k}`);
      refuseMultilineExpressions(v, `${path}.${k}`);
    }
  }
}

/** Conservative: any key or string naming `body`/`rawBody` (or the `$body` binding) may read the request body. */
export function mentionsBody(value: unknown): boolean {
  if (typeof value === 'string') return BODY_WORD.test(value);
  if (Array.isArray(value)) return value.some(mentionsBody);
  if (isObject(value)) return Object.entries(value).some(([k, v]) => BODY_WORD.test(k) || mentionsBody(v));
  return false;
}
