// kyverno-json's rule flow: context, match, exclude, assert, identifier, messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bindings } from '../../../src/engine/bindings.js';
import { compileContext, compileValue } from '../../../src/engine/policy/validating.js';
import { DeadlineExceededError } from '../../../src/engine/types.js';
import { compilers, fakeJsonata, run, yamlPolicy } from './helpers.js';
import { policyBindings } from '../../../src/engine/policy/rules.js';
const header = `apiVersion: json.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata: {name: p}
`;
const summary = (results) => results.map((r) => [
    r.rule,
    r.status,
    ...(r.error ? [r.error] : []),
    ...r.violations.map((v) => `${v.message ?? ''}|${v.check}|${v.errors.map((e) => `${e.path}: ${e.detail}`).join(';')}`),
]);
test('context entries are lazy, see the ones before them, and may shadow them', async () => {
    const p = yamlPolicy(`${header}spec:
  rules:
  - name: tags
    context:
    - {name: tag, variable: latest}
    - {name: tag, variable: "(concat(':', $tag))"}
    - {name: broken, variable: "(missing_field.x || to_number('x') || at(@, \`0\`))"}
    assert:
      all:
      - check: {"(ends_with(image, $tag))": true}
  - name: reads-broken
    context:
    - {name: broken, variable: "(at(@, \`5\`))"}
    assert:
      all:
      - check: {"($broken)": 1}
`);
    assert.deepEqual(summary(await run(p, { image: 'nginx:latest' })), [
        ['tags', 'pass'],
        [
            'reads-broken',
            'error',
            '($broken): Internal error: spec.rules[1].context[0].variable: Internal error: Invalid type: at() expected argument 1 to be type (array) but received type object instead.',
        ],
    ]);
});
test('match: the first matching `any` tree wins and `all` is not evaluated; exclude skips', async () => {
    const p = yamlPolicy(`${header}spec:
  rules:
  - name: any-wins
    match:
      any: [{kind: Pod}]
      all: [{kind: {nested: x}}]
    assert: {all: [{check: {kind: Pod}}]}
  - name: any-misses
    match:
      any: [{kind: Deployment}]
    assert: {all: [{check: {kind: Pod}}]}
  - name: all-only
    match:
      all: [{kind: Pod}, {metadata: {name: web}}]
    exclude:
      any: [{metadata: {labels: {skip: "true"}}}]
    assert: {all: [{check: {kind: Pod}}]}
`);
    assert.deepEqual(summary(await run(p, { kind: 'Pod', metadata: { name: 'web' } })), [
        ['any-wins', 'pass'],
        ['any-misses', 'skip'],
        ['all-only', 'pass'],
    ]);
    assert.deepEqual(summary(await run(p, { kind: 'Pod', metadata: { name: 'web', labels: { skip: 'true' } } }))[2], ['all-only', 'skip']);
});
test('assert: a failing `any` reports each of its checks and skips `all`; messages render templates', async () => {
    const p = yamlPolicy(`${header}spec:
  rules:
  - name: r
    identifier: metadata.name
    assert:
      any:
      - message: "{{ metadata.name }} is not admin"
        check: {role: admin}
      - check: {role: root}
      all:
      - message: never evaluated when any fails
        check: {kind: {x: 1}}
`);
    assert.deepEqual(summary(await run(p, { kind: 'Pod', role: 'guest', metadata: { name: 'web' } })), [
        [
            'r',
            'fail',
            'web is not admin|spec.rules[0].assert.any[0]|role: Invalid value: "guest": Expected value: "admin"',
            '|spec.rules[0].assert.any[1]|role: Invalid value: "guest": Expected value: "root"',
        ],
    ]);
    const results = await run(p, { kind: 'Pod', role: 'root', metadata: { name: 'web' } });
    assert.equal(results[0]?.status, 'error', 'any passed, so all ran and aborted on a projection');
    assert.equal(results[0]?.identifier, 'web');
});
test('$payload, $policy and $rule are bound; caller bindings too', async () => {
    const p = yamlPolicy(`${header}spec:
  rules:
  - name: bound
    assert:
      all:
      - check:
          ($payload.a): 1
          ($policy.metadata.name): p
          ($rule.name): bound
          ($extra): 42
`);
    assert.deepEqual(summary(await run(p, { a: 1 }, Bindings.empty.with('extra', 42))), [['bound', 'pass']]);
});
test('a compiler can be named at every level; the default applies below it', async () => {
    const jsonata = fakeJsonata();
    const p = yamlPolicy(`${header}spec:
  compiler: jsonata
  rules:
  - name: policy-level
    context: [{name: c1, variable: "(a)"}, {name: c2, compiler: jp, variable: "(b)"}]
    match: {compiler: jp, any: [{"(m)": true}]}
    assert:
      compiler: jp
      all:
      - check: {"(x1)": 1}
      - compiler: jsonata
        check: {"(x2)": 2, "(jp;x3)": 3, "(default;x4)": 4}
  - name: rule-level
    compiler: jp
    identifier: id
    assert: {all: [{message: "{{ msg }}", check: {"(y)": 1}}]}
`, 'refuse', compilers(jsonata));
    assert.deepEqual(jsonata.compiled, ['a', 'x2', 'x4']);
    assert.deepEqual(summary(await run(p, { a: 0, b: 0, m: true, x1: 1, x2: 2, x3: 3, x4: 4, y: 1, id: 'i', msg: 'm' })), [
        ['policy-level', 'pass'],
        ['rule-level', 'pass'],
    ]);
});
test('every rule runs: an error in one does not stop the others', async () => {
    const p = yamlPolicy(`${header}spec:
  rules:
  - name: first
    assert: {all: [{check: {n: "1"}}]}
  - name: second
    assert: {all: [{check: {n: 1}}]}
`);
    assert.deepEqual(summary(await run(p, { n: 1 })), [
        ['first', 'error', 'n: Internal error: types are not comparable, string - int64'],
        ['second', 'pass'],
    ]);
});
test('an identifier that fails renders as (error: ...)', async () => {
    const p = yamlPolicy(`${header}spec:
  rules:
  - name: r
    identifier: "at(@, \`3\`)"
    assert: {all: [{check: {}}]}
`);
    const [result] = await run(p, [1]);
    assert.equal(result?.identifier, '(error: index out of range [3] with length 1)');
});
test('asynchronous expressions give the same results as synchronous ones', async () => {
    const text = `${header}spec:
  compiler: COMPILER
  rules:
  - name: r
    context: [{name: want, variable: "(expected)"}]
    assert:
      all:
      - message: "bad {{ name }}"
        check: {"~.(items)": {"(@ == $want)": true}}
`;
    const payload = { expected: 2, name: 'n', items: [2, 3] };
    const sync = summary(await run(yamlPolicy(text.replace('COMPILER', 'jp')), payload));
    const async = summary(await run(yamlPolicy(text.replace('COMPILER', 'jsonata')), payload));
    assert.deepEqual(async, sync);
    assert.deepEqual(sync, [['r', 'fail', 'bad n|spec.rules[0].assert.all[0]|~.(items)[1].(@ == $want): Invalid value: false: Expected value: true']]);
});
test('a passed deadline rejects the whole evaluation', async () => {
    const p = yamlPolicy(`${header}spec:\n  rules:\n  - name: r\n    assert: {all: [{check: {a: 1}}]}\n`);
    await assert.rejects(p.rules.evaluate({ a: 1 }, { bindings: policyBindings(Bindings.empty, { a: 1 }, {}), deadline: performance.now() - 1 }), DeadlineExceededError);
});
test('compileContext and compileValue serve kgate policies', async () => {
    const options = { source: 'kgate.yaml', compilers: compilers(), defaultCompiler: 'jp' };
    const bind = compileContext([
        { name: 'user', variable: '(request.user)' },
        { name: 'greeting', variable: "(concat('hi ', $user))" },
    ], 'spec.context', options);
    const bindings = bind({ request: { user: 'ann' } }, Bindings.empty);
    assert.equal(bindings.get('greeting'), 'hi ann');
    const value = compileValue({ 'x-user': '($user)', fixed: 1 }, 'spec.allow.metadata', options);
    assert.deepEqual(await value({}, { bindings }), { 'x-user': 'ann', fixed: 1 });
    assert.throws(() => compileContext([{ name: 'x', variable: '(a.[)' }], 'spec.context', options), (e) => e instanceof Error && e.name === 'PolicyError' && /spec\.context\[0\]\.variable/.test(e.message));
    assert.throws(() => compileContext([{ variable: 1 }], 'spec.context', options), /spec\.context\[0\]\.name: Required value/);
});
//# sourceMappingURL=rules.test.js.map