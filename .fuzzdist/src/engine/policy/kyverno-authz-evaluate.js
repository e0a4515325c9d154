// Kyverno Authz's decision over its policies: in name order, the first policy
// that answers (a CheckResponse) or fails (an error under failurePolicy Fail)
// decides; none answering is no decision. Within a policy: matchConditions
// (all true; an error counts only when none is false), then exceptions
// (all their conditions true skip the policy), then validations in order,
// the first non-null response deciding. Variables are computed only for the
// expressions that mention them, once per request, and an error in one
// surfaces only where it is read.
import { CheckResponse, DeniedHttpResponse, OkHttpResponse } from '../cel/envoy.js';
import { checkRequestObject } from '../cel/request.js';
import { DeadlineExceededError, EvaluationError, errorText } from '../types.js';
const NONE = { kind: 'none' };
/** The policies' outcome for one CheckRequest (`attributes`: its AttributeContext protobuf JSON). */
export async function evaluateCelPolicies(policies, attributes, deadline) {
    const cel = policies.flatMap((p) => (p.cel?.kind === 'ValidatingPolicy' ? [p.cel] : [])).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (cel.length === 0)
        return NONE;
    const exceptions = policies.flatMap((p) => (p.cel?.kind === 'PolicyException' ? [p.cel] : []));
    const object = checkRequestObject(attributes);
    for (const policy of cel) {
        if (deadline !== undefined && performance.now() > deadline)
            return { kind: 'error', policy: policy.name, message: new DeadlineExceededError().message };
        const outcome = await evaluatePolicy(policy, exceptions.filter((e) => e.policyRefs.includes(policy.name)), object);
        if (outcome.kind !== 'none')
            return outcome;
    }
    return NONE;
}
async function evaluatePolicy(policy, exceptions, object) {
    try {
        return await decide(policy, exceptions, object);
    }
    catch (error) {
        if (policy.failurePolicy === 'Ignore')
            return NONE;
        return { kind: 'error', policy: policy.name, message: errorText(error) };
    }
}
async function decide(policy, exceptions, object) {
    if (!(await matches(policy.matchConditions, { object, variables: {} }, `ValidatingPolicy ${policy.name}`)))
        return NONE;
    const variables = new Variables(policy, object);
    for (const exception of exceptions) {
        if (await exempts(exception, variables))
            return NONE;
    }
    for (const [index, validation] of policy.validations.entries()) {
        const value = await variables.run(validation, `validation ${index}`);
        if (value === null || value === undefined)
            continue;
        if (value instanceof CheckResponse)
            return { kind: 'response', policy: policy.name, response: value };
        throw new EvaluationError(`ValidatingPolicy ${policy.name}: spec.validations[${index}] returned ${describe(value)}, expected an envoy CheckResponse (…Response()) or null`);
    }
    return NONE;
}
/** All true: matched. One false: not matched, whatever errors others had. Otherwise the errors fail the match. */
async function matches(conditions, context, what) {
    const errors = [];
    for (const { name, program } of conditions) {
        try {
            const value = await program.evaluate(context);
            if (value === false)
                return false;
            if (value !== true)
                errors.push(`matchCondition ${name} returned ${describe(value)}, expected bool`);
        }
        catch (error) {
            errors.push(`matchCondition ${name}: ${firstLine(error)}`);
        }
    }
    if (errors.length > 0)
        throw new EvaluationError(`${what}: ${errors.join('; ')}`);
    return true;
}
/** Kyverno Authz stops at the first exception condition error (no false-wins rule there). */
async function exempts(exception, variables) {
    let all = true;
    for (const { name, program } of exception.matchConditions) {
        const value = await variables.run(program, `PolicyException ${exception.name} matchCondition ${name}`);
        if (typeof value !== 'boolean')
            throw new EvaluationError(`PolicyException ${exception.name} matchCondition ${name} returned ${describe(value)}, expected bool`);
        all &&= value;
    }
    return all;
}
/** The policy's variables for one request, computed on first mention. */
class Variables {
    slots = new Map();
    byName;
    context;
    constructor(policy, object) {
        this.byName = new Map(policy.variables.map((v) => [v.name, v.program]));
        const variables = {};
        for (const name of this.byName.keys()) {
            this.slots.set(name, { state: 'pending' });
            Object.defineProperty(variables, name, { enumerable: true, get: () => this.read(name) });
        }
        this.context = { object, variables };
    }
    /** Evaluates an expression once the variables it mentions are computed. */
    async run(program, what) {
        await this.prepare(program.variables);
        try {
            return await program.evaluate(this.context);
        }
        catch (error) {
            throw new EvaluationError(`${what}: ${firstLine(error)}`, { cause: error });
        }
    }
    async prepare(names) {
        for (const name of names) {
            const slot = this.slots.get(name);
            if (slot?.state !== 'pending')
                continue;
            this.slots.set(name, { state: 'running' });
            const program = this.byName.get(name);
            try {
                await this.prepare(program.variables);
                this.slots.set(name, { state: 'done', value: await program.evaluate(this.context) });
            }
            catch (error) {
                this.slots.set(name, { state: 'failed', error });
            }
        }
    }
    read(name) {
        const slot = this.slots.get(name);
        if (slot.state === 'done')
            return slot.value;
        if (slot.state === 'failed')
            throw new EvaluationError(`variable ${name}: ${firstLine(slot.error)}`);
        throw new EvaluationError(`variable ${name} refers to itself`);
    }
}
function describe(value) {
    if (value === null)
        return 'null';
    if (value instanceof OkHttpResponse)
        return 'an OkHttpResponse (missing .Response())';
    if (value instanceof DeniedHttpResponse)
        return 'a DeniedHttpResponse (missing .Response())';
    if (typeof value === 'bigint')
        return `int ${value}`;
    if (typeof value === 'string')
        return `string ${JSON.stringify(value)}`;
    if (Array.isArray(value))
        return 'a list';
    return typeof value === 'object' ? (value.constructor?.name === 'Object' ? 'a map' : String(value.constructor?.name)) : `${typeof value} ${String(value)}`;
}
/** The first line of an error's text (cel-js adds the source and a caret below). */
function firstLine(error) {
    return errorText(error).split('\n')[0];
}
const NO_UPSTREAM = { set: [], append: [], remove: [], setQuery: [], removeQuery: [] };
/** The Decision of a CEL response: Envoy gets `envoy` (the CheckResponse JSON) verbatim; the other fields serve logs, metrics and the HTTP protocol. */
export function celDecision(outcome, policies) {
    const { response } = outcome;
    const http = response.http;
    const envoy = response.toJson();
    const metadata = response.metadata === undefined ? {} : { metadata: response.metadata };
    const headers = (list) => list.map((h) => ({ name: h.header.key, value: h.header.value }));
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
//# sourceMappingURL=kyverno-authz-evaluate.js.map