// Kyverno Authz policies (policies.kyverno.io ValidatingPolicy in Envoy and HTTP modes,
// and PolicyException): the model, compiled once at load. Evaluation is in
// kyverno-authz-evaluate.ts.
import type { Environment } from '@marcbachmann/cel-js';
import { typedChecker } from '../cel/environment.js';
import { CelCompileError, compileCel, type CelProgram } from '../cel/program.js';
import { PolicyError } from '../types.js';
import type { CompiledPolicy } from './policy.js';
import { array, object, oneOf, ShapeError, string } from './shape.js';
import { isObject, type Json } from '../json.js';

export const KYVERNO_POLICIES_GROUP = 'policies.kyverno.io';
export const KYVERNO_POLICIES_VERSIONS = ['v1alpha1', 'v1beta1', 'v1'] as const;

export interface NamedProgram {
  readonly name: string;
  readonly program: CelProgram;
}

/** Envoy: the gRPC CheckRequest; HTTP: the plain-HTTP request (docs/cel.md). */
export type CelMode = 'Envoy' | 'HTTP';

export interface CelPolicy {
  readonly kind: 'ValidatingPolicy';
  readonly name: string;
  readonly mode: CelMode;
  readonly failurePolicy: 'Fail' | 'Ignore';
  readonly matchConditions: readonly NamedProgram[];
  /** In declaration order. */
  readonly variables: readonly NamedProgram[];
  readonly validations: readonly CelProgram[];
}

export interface CelException {
  readonly kind: 'PolicyException';
  readonly name: string;
  /** The mode of the policies it may exempt (`spec.evaluationMode`, Envoy when unset). */
  readonly mode: CelMode;
  /** Names of the ValidatingPolicies it exempts. */
  readonly policyRefs: readonly string[];
  readonly matchConditions: readonly NamedProgram[];
}

export function isKyvernoPoliciesApiVersion(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && KYVERNO_POLICIES_VERSIONS.some((v) => apiVersion === `${KYVERNO_POLICIES_GROUP}/${v}`);
}

interface Where {
  readonly source: string;
  readonly document: number | undefined;
}

/** A ValidatingPolicy or PolicyException document as a CompiledPolicy carrying its CEL programs. */
export function compileKyvernoAuthzDocument(doc: Json, env: Environment | undefined, where: Where): CompiledPolicy {
  const fail = (path: string, reason: string) => new PolicyError(where.source, path, reason, where.document);
  if (!env) throw fail('', 'CEL policies need the CEL environment (createCompilers provides it)');
  let what = String(doc.kind);
  try {
    const metadata = object(doc.metadata ?? {}, 'metadata');
    const name = string(metadata.name, 'metadata.name');
    what = `${what} ${name}`;
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    const spec = object(doc.spec ?? {}, 'spec');
    const cel = doc.kind === 'PolicyException' ? compileException(name, spec, env) : compilePolicy(name, spec, env);
    return {
      apiVersion: doc.apiVersion as CompiledPolicy['apiVersion'],
      kind: cel.kind,
      name,
      ...(namespace === undefined ? {} : { namespace }),
      id: namespace === undefined ? name : `${namespace}/${name}`,
      source: where.source,
      document: doc,
      targetRefs: [],
      targetSelectors: false,
      failurePolicy: cel.kind === 'ValidatingPolicy' ? cel.failurePolicy : 'Fail',
      mode: 'Enforce',
      readsBody: /\bbody\b|raw_body/.test(JSON.stringify(spec)),
      rules: NO_RULES,
      cel,
    };
  } catch (error) {
    if (error instanceof ShapeError) throw fail(error.path, `${what}: ${error.reason}`);
    throw error;
  }
}

/** CEL policies decide through kyverno-authz-evaluate.ts, never through kyverno-json rules. */
const NO_RULES: CompiledPolicy['rules'] = { compiler: 'cel', ruleNames: [], evaluate: () => Promise.resolve([]) };

function compilePolicy(name: string, spec: Json, celEnv: Environment): CelPolicy {
  const evaluation = object(spec.evaluation ?? {}, 'spec.evaluation');
  const mode = evaluation.mode ?? 'Kubernetes';
  if (mode !== 'Envoy' && mode !== 'HTTP') {
    throw new ShapeError(
      'spec.evaluation.mode',
      `kgate evaluates modes Envoy (the ext_authz CheckRequest) and HTTP (the plain-HTTP request); got ${String(mode)}`,
    );
  }
  const response = mode === 'Envoy' ? 'CheckResponse' : 'HttpCheckResponse';
  const env: CelEnvs = { run: celEnv, check: typedChecker(celEnv, mode) };
  const failurePolicy = spec.failurePolicy === undefined ? 'Fail' : oneOf(spec.failurePolicy, ['Fail', 'Ignore'] as const, 'spec.failurePolicy');
  const variables = named(spec.variables, 'spec.variables', env, () => undefined);
  const validations = array(spec.validations ?? [], 'spec.validations').map((v, i) => {
    const path = `spec.validations[${i}].expression`;
    const program = expression(object(v, `spec.validations[${i}]`).expression, path, env);
    if (!['dyn', 'null'].includes(program.type) && program.type !== response) {
      const builder = mode === 'Envoy' ? 'an envoy CheckResponse (envoy.Allowed()...Response())' : 'an http CheckResponse (http.Allowed().Response())';
      throw new ShapeError(path, `a validation must return ${builder} or null, this one returns ${program.type}`);
    }
    return program;
  });
  if (validations.length === 0) throw new ShapeError('spec.validations', 'a ValidatingPolicy needs at least one validation');
  return { kind: 'ValidatingPolicy', name, mode, failurePolicy, matchConditions: conditions(spec.matchConditions, env), variables, validations };
}

function compileException(name: string, spec: Json, celEnv: Environment): CelException {
  const mode = spec.evaluationMode ?? 'Envoy';
  if (mode !== 'Envoy' && mode !== 'HTTP') {
    throw new ShapeError('spec.evaluationMode', `kgate applies exceptions to Envoy and HTTP mode policies; got ${String(spec.evaluationMode)}`);
  }
  const env: CelEnvs = { run: celEnv, check: typedChecker(celEnv, mode) };
  const policyRefs = array(spec.policyRefs ?? [], 'spec.policyRefs').map((ref, i) => {
    const r = object(ref, `spec.policyRefs[${i}]`);
    if (r.kind !== undefined && r.kind !== 'ValidatingPolicy')
      throw new ShapeError(`spec.policyRefs[${i}].kind`, `expected ValidatingPolicy, got ${String(r.kind)}`);
    return string(r.name, `spec.policyRefs[${i}].name`);
  });
  if (policyRefs.length === 0) throw new ShapeError('spec.policyRefs', 'an exception must name at least one policy');
  return { kind: 'PolicyException', name, mode, policyRefs, matchConditions: conditions(spec.matchConditions, env) };
}

/** matchConditions: boolean expressions; `variables` are not theirs to read (Kyverno Authz evaluates them first). */
function conditions(value: unknown, env: CelEnvs): NamedProgram[] {
  return named(value, 'spec.matchConditions', env, (program, path) => {
    if (program.variables.length > 0) throw new ShapeError(path, 'matchConditions cannot use variables');
    if (program.type !== 'bool' && program.type !== 'dyn') throw new ShapeError(path, `a matchCondition must return bool, this one returns ${program.type}`);
  });
}

function named(value: unknown, path: string, env: CelEnvs, check: (program: CelProgram, path: string) => void): NamedProgram[] {
  return array(value ?? [], path).map((item, i) => {
    const entry = object(item, `${path}[${i}]`);
    const name = string(entry.name, `${path}[${i}].name`);
    const program = expression(entry.expression, `${path}[${i}].expression`, env);
    check(program, `${path}[${i}].expression`);
    return { name, program };
  });
}

/** The environment expressions run in, and its check-only twin typed for the policy's mode. */
interface CelEnvs {
  readonly run: Environment;
  readonly check: Environment | undefined;
}

function expression(value: unknown, path: string, env: CelEnvs): CelProgram {
  const source = string(value, path);
  try {
    return compileCel(env.run, source, env.check);
  } catch (error) {
    if (error instanceof CelCompileError) throw new ShapeError(path, `does not compile: ${error.message}`);
    throw error;
  }
}

export function isCelPolicy(value: unknown): value is { cel: CelPolicy | CelException } {
  return isObject(value) && isObject(value.cel);
}
