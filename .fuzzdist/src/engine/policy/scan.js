// `kgate scan`'s engine side, pure: run compiled ValidatingPolicies over
// resources and render the results exactly as `kyverno-json scan` prints them
// (text lines, or its JSON report).
import { Bindings } from '../bindings.js';
import { goJson } from '../go/json.js';
import { FieldErr } from '../tree/errors.js';
import { GoRendered, goValue } from '../go/fmt.js';
import { policyBindings } from './rules.js';
import { isObject } from '../json.js';
/** Evaluates every policy against every resource, `bindings` (the --bindings file) visible to all. */
export async function scan(resources, policies, bindings = {}) {
    const base = Object.entries(bindings).reduce((b, [name, value]) => b.with(name, value), Bindings.empty);
    const responses = [];
    for (const resource of resources) {
        const results = [];
        for (const policy of policies) {
            const rules = await policy.rules.evaluate(resource, { bindings: policyBindings(base, resource, policy.document) });
            const documents = specRules(policy.document);
            results.push({ policy, rules: rules.map((result, i) => ({ result, document: documents[i] })).filter((r) => r.result.status !== 'skip') });
        }
        responses.push({ resource, policies: results });
    }
    return responses;
}
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
export function runningLine(resources, policies) {
    return `Running ( evaluating ${plural(resources, 'resource', 'resources')} against ${plural(policies, 'policy', 'policies')} ) ...`;
}
/** `- <name> -> <value>` per binding (Go's fmt.Println of the pair). */
export function bindingLines(bindings) {
    return Object.entries(bindings).map(([name, value]) => `- ${name} -> ${goValue(value)}`);
}
/** The result lines of a scan: one per rule that ran, then its failed checks and their errors. */
export function resultLines(responses) {
    return responses.flatMap((response) => response.policies.flatMap(({ policy, rules }) => rules.flatMap((rule) => ruleLines(policy.name, rule.result))));
}
function ruleLines(policy, rule) {
    const status = rule.status === 'error' ? `ERROR: ${rule.error ?? ''}` : rule.violations.length > 0 ? 'FAILED' : 'PASSED';
    const id = rule.identifier ? `, ID=${rule.identifier}` : '';
    const lines = [`- ${status} (POLICY=${policy}, RULE=${rule.rule}${id})`];
    for (const violation of rule.violations) {
        const check = `(CHECK=${violation.check})`;
        lines.push(` -> ${violation.message === undefined ? check : `${violation.message} ${check}`}`);
        for (const error of violation.errors)
            lines.push(`  -> ${error.detail} (PATH=${error.path})`);
    }
    return lines;
}
/** kyverno-json's `--output json` report (json.MarshalIndent of its Report structs). */
export function jsonReport(responses) {
    if (responses.length === 0)
        return 'null';
    return goJson(responses.map((response) => struct([
        ['resource', response.resource],
        ['results', omitEmpty(response.policies.map(policyReport))],
    ])), '  ');
}
/** A Go struct: fields in declaration order, `undefined` ones left out (omitempty). */
function struct(fields) {
    return new Map(fields.filter(([, v]) => v !== undefined));
}
function omitEmpty(list) {
    return list && list.length > 0 ? list : undefined;
}
function optional(value) {
    return value === null || value === undefined ? undefined : value;
}
function specRules(document) {
    const spec = isObject(document) && isObject(document.spec) ? document.spec : {};
    return Array.isArray(spec.rules) ? spec.rules : [];
}
function policyReport({ policy, rules }) {
    const doc = isObject(policy.document) ? policy.document : {};
    const spec = isObject(doc.spec) ? doc.spec : {};
    return struct([
        [
            'policy',
            struct([
                ['apiVersion', optional(doc.apiVersion)],
                ['kind', optional(doc.kind)],
                ['metadata', objectMeta(isObject(doc.metadata) ? doc.metadata : {})],
                [
                    'spec',
                    struct([
                        ['compiler', optional(spec.compiler)],
                        ['rules', specRules(doc).map(ruleStruct)],
                    ]),
                ],
            ]),
        ],
        ['rules', omitEmpty(rules.map(ruleReport))],
    ]);
}
const OBJECT_META = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation'];
const OBJECT_META_TAIL = ['deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];
/** metav1.ObjectMeta: every field omitempty except creationTimestamp (null when unset). */
function objectMeta(meta) {
    const pick = (keys) => keys.map((k) => [k, emptyToUndefined(meta[k])]);
    return struct([...pick(OBJECT_META), ['creationTimestamp', meta.creationTimestamp ?? null], ...pick(OBJECT_META_TAIL)]);
}
function emptyToUndefined(value) {
    if (value === null || value === undefined || value === '' || value === 0)
        return undefined;
    if (Array.isArray(value))
        return value.length ? value : undefined;
    if (isObject(value))
        return Object.keys(value).length ? value : undefined;
    return value;
}
/** v1alpha1.ValidatingRule as Go marshals it. */
function ruleStruct(rule) {
    const r = isObject(rule) ? rule : {};
    const block = (v, item) => isObject(v)
        ? struct([
            ['compiler', optional(v.compiler)],
            ['any', omitEmpty(Array.isArray(v.any) ? v.any.map(item) : undefined)],
            ['all', omitEmpty(Array.isArray(v.all) ? v.all.map(item) : undefined)],
        ])
        : undefined;
    const entries = (v, valueKey) => omitEmpty(Array.isArray(v)
        ? v.map((e) => {
            const entry = isObject(e) ? e : {};
            const value = valueKey === 'variable' ? (entry.variable ?? null) : optional(entry.value);
            return struct([
                ['compiler', optional(entry.compiler)],
                ['name', entry.name ?? ''],
                [valueKey, value],
            ]);
        })
        : undefined);
    const assertion = (a) => {
        const x = isObject(a) ? a : {};
        return struct([
            ['compiler', optional(x.compiler)],
            ['message', optional(x.message)],
            ['check', x.check ?? null],
        ]);
    };
    return struct([
        ['name', r.name ?? ''],
        ['compiler', optional(r.compiler)],
        ['context', entries(r.context, 'variable')],
        ['match', block(r.match, (t) => t)],
        ['exclude', block(r.exclude, (t) => t)],
        ['identifier', optional(r.identifier) || undefined],
        ['feedback', entries(r.feedback, 'value')],
        ['assert', block(r.assert, assertion) ?? struct([])],
    ]);
}
function ruleReport({ result: rule, document }) {
    return struct([
        ['rule', ruleStruct(document)],
        ['identifier', rule.identifier || undefined],
        ['error', rule.status === 'error' ? rule.error : undefined],
        [
            'violations',
            omitEmpty(rule.violations.map((v) => struct([
                ['message', v.message === undefined ? `(CHECK=${v.check})` : `${v.message} (CHECK=${v.check})`],
                ['errors', omitEmpty(v.errors.map(errorReport))],
            ]))),
        ],
    ]);
}
function errorReport(error) {
    if (!(error instanceof FieldErr))
        return struct([
            ['field', error.path],
            ['detail', error.detail],
        ]);
    const value = error.badValue instanceof GoRendered ? error.badValue.json : error.badValue;
    return struct([
        ['type', error.type],
        ['field', error.path],
        ['value', optional(value)],
        ['detail', error.reason || undefined],
    ]);
}
//# sourceMappingURL=scan.js.map