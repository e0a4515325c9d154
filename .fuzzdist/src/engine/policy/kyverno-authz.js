import { CelCompileError, compileCel } from '../cel/program.js';
import { PolicyError } from '../types.js';
import { array, object, oneOf, ShapeError, string } from './shape.js';
import { isObject } from '../json.js';
export const KYVERNO_POLICIES_GROUP = 'policies.kyverno.io';
export const KYVERNO_POLICIES_VERSIONS = ['v1alpha1', 'v1beta1', 'v1'];
export function isKyvernoPoliciesApiVersion(apiVersion) {
    return typeof apiVersion === 'string' && KYVERNO_POLICIES_VERSIONS.some((v) => apiVersion === `${KYVERNO_POLICIES_GROUP}/${v}`);
}
/** A ValidatingPolicy or PolicyException document as a CompiledPolicy carrying its CEL programs. */
export function compileKyvernoAuthzDocument(doc, env, where) {
    const fail = (path, reason) => new PolicyError(where.source, path, reason, where.document);
    if (!env)
        throw fail('', 'CEL policies need the CEL environment (createCompilers provides it)');
    let what = String(doc.kind);
    try {
        const metadata = object(doc.metadata ?? {}, 'metadata');
        const name = string(metadata.name, 'metadata.name');
        what = `${what} ${name}`;
        const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
        const spec = object(doc.spec ?? {}, 'spec');
        const cel = doc.kind === 'PolicyException' ? compileException(name, spec, env) : compilePolicy(name, spec, env);
        return {
            apiVersion: doc.apiVersion,
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
    }
    catch (error) {
        if (error instanceof ShapeError)
            throw fail(error.path, `${what}: ${error.reason}`);
        throw error;
    }
}
/** CEL policies decide through kyverno-authz-evaluate.ts, never through kyverno-json rules. */
const NO_RULES = { compiler: 'cel', ruleNames: [], evaluate: () => Promise.resolve([]) };
function compilePolicy(name, spec, env) {
    const evaluation = object(spec.evaluation ?? {}, 'spec.evaluation');
    const mode = evaluation.mode ?? 'Kubernetes';
    if (mode !== 'Envoy') {
        throw new ShapeError('spec.evaluation.mode', `kgate evaluates mode Envoy (the ext_authz CheckRequest); got ${String(mode)}${mode === 'HTTP' ? ' (HTTP mode is not supported yet)' : ''}`);
    }
    const failurePolicy = spec.failurePolicy === undefined ? 'Fail' : oneOf(spec.failurePolicy, ['Fail', 'Ignore'], 'spec.failurePolicy');
    const variables = named(spec.variables, 'spec.variables', env, () => undefined);
    const validations = array(spec.validations ?? [], 'spec.validations').map((v, i) => {
        const path = `spec.validations[${i}].expression`;
        const program = expression(object(v, `spec.validations[${i}]`).expression, path, env);
        if (!['dyn', 'null'].includes(program.type) && program.type !== 'CheckResponse') {
            throw new ShapeError(path, `a validation must return an envoy CheckResponse (envoy.Allowed()...Response()) or null, this one returns ${program.type}`);
        }
        return program;
    });
    if (validations.length === 0)
        throw new ShapeError('spec.validations', 'a ValidatingPolicy needs at least one validation');
    return { kind: 'ValidatingPolicy', name, failurePolicy, matchConditions: conditions(spec.matchConditions, env), variables, validations };
}
function compileException(name, spec, env) {
    if (spec.evaluationMode !== undefined && spec.evaluationMode !== 'Envoy') {
        throw new ShapeError('spec.evaluationMode', `kgate applies exceptions to Envoy mode policies; got ${String(spec.evaluationMode)}`);
    }
    const policyRefs = array(spec.policyRefs ?? [], 'spec.policyRefs').map((ref, i) => {
        const r = object(ref, `spec.policyRefs[${i}]`);
        if (r.kind !== undefined && r.kind !== 'ValidatingPolicy')
            throw new ShapeError(`spec.policyRefs[${i}].kind`, `expected ValidatingPolicy, got ${String(r.kind)}`);
        return string(r.name, `spec.policyRefs[${i}].name`);
    });
    if (policyRefs.length === 0)
        throw new ShapeError('spec.policyRefs', 'an exception must name at least one policy');
    return { kind: 'PolicyException', name, policyRefs, matchConditions: conditions(spec.matchConditions, env) };
}
/** matchConditions: boolean expressions; `variables` are not theirs to read (Kyverno Authz evaluates them first). */
function conditions(value, env) {
    return named(value, 'spec.matchConditions', env, (program, path) => {
        if (program.variables.length > 0)
            throw new ShapeError(path, 'matchConditions cannot use variables');
        if (program.type !== 'bool' && program.type !== 'dyn')
            throw new ShapeError(path, `a matchCondition must return bool, this one returns ${program.type}`);
    });
}
function named(value, path, env, check) {
    return array(value ?? [], path).map((item, i) => {
        const entry = object(item, `${path}[${i}]`);
        const name = string(entry.name, `${path}[${i}].name`);
        const program = expression(entry.expression, `${path}[${i}].expression`, env);
        check(program, `${path}[${i}].expression`);
        return { name, program };
    });
}
function expression(value, path, env) {
    const source = string(value, path);
    try {
        return compileCel(env, source);
    }
    catch (error) {
        if (error instanceof CelCompileError)
            throw new ShapeError(path, `does not compile: ${error.message}`);
        throw error;
    }
}
export function isCelPolicy(value) {
    return isObject(value) && isObject(value.cel);
}
//# sourceMappingURL=kyverno-authz.js.map