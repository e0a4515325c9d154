// What a policy loader refuses, and how the error names the place.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocuments } from '../../../src/engine/policy/documents.js';
import { compileRules, compileValidatingPolicy } from '../../../src/engine/policy/validating.js';
import { PolicyError } from '../../../src/engine/types.js';
import { compilers, policy, yamlPolicy } from './helpers.js';
import { policyBindings } from '../../../src/engine/policy/rules.js';
const options = { source: 'p.yaml', compilers: compilers(), defaultCompiler: 'jp' };
function refused(doc, path, reason) {
    assert.throws(() => compileValidatingPolicy(doc, options), (e) => e instanceof PolicyError && e.source === 'p.yaml' && e.path === path && reason.test(e.reason));
}
const rule = (extra = {}) => ({ name: 'r', assert: { all: [{ check: { a: 1 } }] }, ...extra });
test('a valid policy compiles: name, document and rule names', () => {
    const doc = policy({ rules: [rule()] });
    const compiled = compileValidatingPolicy(doc, options);
    assert.equal(compiled.name, 'test');
    assert.equal(compiled.document, doc);
    assert.deepEqual(compiled.rules.ruleNames, ['r']);
    assert.equal(compiled.rules.compiler, 'jp');
    assert.deepEqual(compiled.ruleErrors, []);
});
test('unknown fields are refused at every level, with their field path', () => {
    refused({ ...policy({ rules: [] }), status: {} }, 'status', /unknown field/);
    refused({ ...policy({ rules: [] }), metadata: { name: 'x', labelz: {} } }, 'metadata.labelz', /unknown field/);
    refused(policy({ rules: [], extra: 1 }), 'spec.extra', /unknown field/);
    refused(policy({ rules: [{ ...rule(), matches: {} }] }), 'spec.rules[0].matches', /unknown field/);
    refused(policy({ rules: [rule({ match: { any: [], oops: 1 } })] }), 'spec.rules[0].match.oops', /unknown field/);
    refused(policy({ rules: [rule({ assert: { all: [{ check: {}, msg: 'x' }] } })] }), 'spec.rules[0].assert.all[0].msg', /unknown field/);
    refused(policy({ rules: [rule({ context: [{ name: 'a', value: 1 }] })] }), 'spec.rules[0].context[0].value', /unknown field/);
});
test('required fields, types, enums and the rule name length are checked', () => {
    refused(policy(undefined), 'spec', /Required value/);
    refused(policy({}), 'spec.rules', /Required value/);
    refused(policy({ rules: [{ assert: { all: [] } }] }), 'spec.rules[0].name', /Required value/);
    refused(policy({ rules: [{ name: 'r' }] }), 'spec.rules[0].assert', /Required value/);
    refused(policy({ rules: [rule({ name: 'x'.repeat(64) })] }), 'spec.rules[0].name', /may not be longer than 63/);
    refused(policy({ rules: [rule({ identifier: 3 })] }), 'spec.rules[0].identifier', /expected a string/);
    refused(policy({ rules: [rule({ compiler: 'lua' })] }), 'spec.rules[0].compiler', /must be one of "jp", "cel", "jsonata"/);
    refused(policy({ rules: [rule({ assert: { all: [{ message: 'm' }] } })] }), 'spec.rules[0].assert.all[0].check', /Required value/);
    refused(policy({ rules: 'none' }), 'spec.rules', /expected a list/);
    refused({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, '', /policy type not supported \/v1, Kind=ConfigMap/);
    refused({ ...policy({ rules: [] }), metadata: {} }, 'metadata.name', /Required value/);
    assert.doesNotThrow(() => compileValidatingPolicy(policy({ rules: [] }), options), 'rules may be empty');
    assert.equal(rule({ name: 'x'.repeat(63) }).name.length, 63);
    assert.doesNotThrow(() => compileValidatingPolicy(policy({ rules: [rule({ name: 'x'.repeat(63) })] }), options));
});
test('a rule that does not compile is refused by default, naming the rule and field path', () => {
    const cases = [
        [rule({ match: {} }), 'spec.rules[0].match', /an empty match is not valid \(rule "r"\)$/],
        [rule({ exclude: { any: [] } }), 'spec.rules[0].exclude', /Any:\[\]v1alpha1\.AssertionTree\{\}.*an empty match is not valid/],
        [{ name: 'r', assert: {} }, 'spec.rules[0].assert', /an empty assert is not valid/],
        [
            rule({ assert: { all: [{ check: { '(foo(@)': 1 } }] } }),
            'spec.rules[0].assert.all[0].check.(foo(@)',
            /Invalid value: "foo\(@": jp expression "foo\(@" does not compile/,
        ],
        [rule({ context: [{ name: 'x', variable: '(nope(@))' }] }), 'spec.rules[0].context[0].variable', /unknown function: nope\(\)/],
        [rule({ identifier: 'a.[' }), 'spec.rules[0].identifier', /^Internal error: jp expression/],
        [
            rule({ assert: { all: [{ check: { '(cel;x)': 1 } }] } }),
            'spec.rules[0].assert.all[0].check.(cel;x)',
            /Invalid value: "x": the cel compiler is not supported yet \(rule "r"\)/,
        ],
        [rule({ feedback: [{ name: 'f', value: '(a.[)' }] }), 'spec.rules[0].feedback[0].value', /does not compile/],
    ];
    for (const [r, path, reason] of cases) {
        assert.throws(() => compileValidatingPolicy(policy({ rules: [r] }), options), (e) => e instanceof PolicyError && e.path === path && reason.test(e.reason), path);
    }
});
test('a literal cel rule compiles: only expressions need a compiler', () => {
    assert.doesNotThrow(() => compileValidatingPolicy(policy({ rules: [rule({ compiler: 'cel' })] }), options));
    assert.throws(() => compileValidatingPolicy(policy({ rules: [rule({ compiler: 'cel', assert: { all: [{ check: { '(x)': 1 } }] } })] }), options), /the cel compiler is not supported yet/);
});
test("in 'report' mode a broken rule is the rule's ERROR and the others still run", async () => {
    const compiled = yamlPolicy(`apiVersion: json.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata: {name: p}
spec:
  rules:
  - name: broken
    match: {}
    assert: {all: [{check: {a: 1}}]}
  - name: fine
    assert: {all: [{check: {a: 1}}]}
`, 'report');
    assert.equal(compiled.ruleErrors.length, 1);
    assert.equal(compiled.ruleErrors[0]?.path, 'spec.rules[0].match');
    const results = await compiled.rules.evaluate({ a: 1 }, { bindings: policyBindings((await import('../../../src/engine/bindings.js')).Bindings.empty, { a: 1 }, compiled.document) });
    assert.deepEqual(results.map((r) => [r.rule, r.status, r.error]), [
        [
            'broken',
            'error',
            'spec.rules[0].match: Invalid value: v1alpha1.Match{Compiler:(*v1alpha1.Compiler)(nil), Any:[]v1alpha1.AssertionTree(nil), All:[]v1alpha1.AssertionTree(nil)}: an empty match is not valid',
        ],
        ['fine', 'pass', undefined],
    ]);
});
test('compileRules takes a bare spec (kgate policies) with its own path prefix', () => {
    assert.throws(() => compileRules({ rules: [rule({ deny: {} })] }, 'spec', options), (e) => e instanceof PolicyError && e.path === 'spec.rules[0].deny');
    assert.deepEqual(compileRules({ compiler: 'jsonata', rules: [rule()] }, 'spec', options).compiler, 'jsonata');
});
test('malformed YAML names the source, the document and the line', () => {
    assert.throws(() => parseDocuments('a: 1\n---\nb: [1\n', 'bad.yaml'), (e) => e instanceof PolicyError &&
        e.source === 'bad.yaml' &&
        e.document === 1 &&
        /^invalid YAML at line \d+, column \d+: Flow sequence/.test(e.reason) &&
        /bad\.yaml \(document 2\)/.test(e.message));
    assert.throws(() => parseDocuments('a: 1\na: 2\n', 'dup.yaml'), /dup\.yaml: invalid YAML at line 2, column 1: Map keys must be unique/);
});
test('documents: one or many, empty and comment-only ones skipped, JSON accepted', () => {
    assert.deepEqual(parseDocuments('---\n# only a comment\n---\na: 1\n---\n', 'x'), [{ index: 1, value: { a: 1 } }]);
    assert.deepEqual(parseDocuments('{"a": [1, 2]}', 'x.json'), [{ index: 0, value: { a: [1, 2] } }]);
    assert.deepEqual(parseDocuments('', 'empty'), []);
    assert.deepEqual(parseDocuments('null\n', 'n'), [{ index: 0, value: null }]);
});
//# sourceMappingURL=load.test.js.map