// Table cases taken from kyverno-json's Go unit tests
// (../shared/conformance/kyverno-json-extra/assertion_cases.json).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Bindings } from '../../src/engine/bindings.js';
import { createJpCompiler } from '../../src/engine/compilers/jp/compiler.js';
import { resultLines } from '../../src/engine/policy/scan.js';
import { compileRules } from '../../src/engine/policy/validating.js';
import { matchProgram } from '../../src/engine/tree/assertions.js';
import { compileTree, TreeCompileError } from '../../src/engine/tree/compile.js';
import { parseKey } from '../../src/engine/tree/key.js';
import { equal, MatchError } from '../../src/engine/tree/match.js';
import { policyBindings } from '../../src/engine/policy/rules.js';
import { needsShared } from '../support/needs.js';
const EXTRA = needsShared(join('conformance', 'kyverno-json-extra'));
const table = JSON.parse(readFileSync(join(EXTRA, 'assertion_cases.json'), 'utf8'));
const jp = createJpCompiler({ now: () => 0, keys: { jwks: () => Promise.reject(new Error('no keys')), file: () => Promise.reject(new Error('no keys')) } }, []);
const compilers = { jp, jsonata: jp };
const lookup = (name) => (name === 'default' || name === 'jp' ? jp : undefined);
const scope = { bindings: Bindings.empty };
const ERROR_TYPES = {
    FieldValueInvalid: 'FieldValueInvalid',
    FieldValueRequired: 'FieldValueRequired',
    InternalError: 'InternalError',
};
for (const c of table.assert ?? []) {
    test(`${c.id}`, async () => {
        const errors = (await compileTree(c.tree, '', lookup).assert(c.value, undefined, scope));
        const want = c.wantErrors;
        assert.deepEqual(errors.map((e) => ({ type: e.type, field: e.path, detail: e.reason, badValue: e.badValue })), want.map((w) => ({ type: ERROR_TYPES[w.type], field: w.field, detail: w.detail, badValue: w.badValue })));
        if (c.rendered)
            assert.deepEqual(errors.map((e) => `${e.detail} (PATH=${e.path})`), c.rendered);
    });
}
for (const c of table.parse ?? []) {
    test(`${c.id}`, () => {
        const want = c.wantCompileError;
        assert.throws(() => compileTree(c.tree, '', lookup), (e) => e instanceof TreeCompileError &&
            e.field.type === want.type &&
            e.field.path === want.field &&
            e.field.badValue === want.badValue &&
            e.field.reason === want.detail &&
            e.message === c.rendered);
    });
}
for (const c of table.expression_parse ?? []) {
    test(`${c.id}`, () => {
        const parsed = parseKey(c.input);
        assert.deepEqual({ foreach: parsed.foreach, foreachName: parsed.foreachName, statement: parsed.statement, binding: parsed.binding, compiler: parsed.compiler }, c.want);
    });
}
for (const c of table.projection_map_key ?? []) {
    const goOnly = typeof c.value === 'string' && c.value.startsWith('GO_ONLY');
    // Go-only cases use maps with int keys. JSON and YAML policies only have
    // string keys (a YAML `2:` key is the string "2"), so kgate runs the same
    // lookups with the keys as strings: found / not found / found-and-nil agree.
    const key = String(c.key);
    const value = goOnly ? { '2': c.id === 'projection/non-string-key-found-and-nil' ? null : 'foo' } : c.value;
    test(`${c.id}${goOnly ? ' (Go int map keys read as the string keys JSON has)' : ''}`, async () => {
        // A plain key projects the value; the leaf below it checks the wanted value.
        const errors = (await compileTree({ [key]: c.want }, '', lookup).assert(value, undefined, scope));
        if (c.wantFound)
            assert.deepEqual(errors, [], 'found, with the wanted value');
        else
            assert.deepEqual(errors.map((e) => [e.type, e.path, e.reason]), [['FieldValueRequired', key, 'field not found in the input object']]);
    });
}
for (const c of table.scalar_equal ?? []) {
    test(`${c.id}`, () => {
        if (!c.wantErr) {
            assert.equal(equal(c.expected, c.actual), c.want);
            return;
        }
        // kgate names an integral number's kind int64 (what kyverno-json's JSON
        // loading gives integers); the Go test used a Go `int` literal, so its
        // message reads `int` where kgate's reads `int64`.
        const note = String(c.note ?? '');
        const goMessage = /'([^']+)'/.exec(note)?.[1] ?? '';
        const expected = goMessage.replace(/ int$/, ' int64');
        assert.throws(() => equal(c.expected, c.actual), (e) => e instanceof MatchError && e.message === expected);
    });
}
for (const c of (table.match_scenarios ?? []).filter((m) => m.match)) {
    test(`${c.id}`, async () => {
        const block = c.match;
        const trees = (list = [], name) => list.map((t, i) => compileTree(t, `match.${name}[${i}]`, lookup));
        const errors = (await matchProgram(trees(block.any, 'any'), trees(block.all, 'all'))(c.resource, scope));
        assert.equal(errors.length, c.wantErrorCount);
        assert.equal(errors.length === 0, c.wantMatched);
        if (c.predictedErrors)
            assert.deepEqual(errors.map((e) => `${e.detail} (PATH=${e.path})`), c.predictedErrors);
    });
}
for (const c of (table.match_scenarios ?? []).filter((m) => m.assert)) {
    test(`${c.id}`, async () => {
        const rule = { name: 'pod-no-latest', ...(c.context ? { context: c.context } : {}), assert: c.assert };
        const rules = compileRules({ rules: [rule] }, 'spec', { source: c.id, compilers, defaultCompiler: 'jp' });
        const results = await rules.evaluate(c.resource, { bindings: policyBindings(Bindings.empty, c.resource, {}) });
        assert.equal(results[0]?.violations.length, c.wantViolationCount);
        if (c.predictedRendering) {
            const lines = resultLines([
                {
                    resource: c.resource,
                    policies: [{ policy: { name: 'p', document: {}, rules, ruleErrors: [] }, rules: results.map((result) => ({ result, document: rule })) }],
                },
            ]);
            assert.deepEqual(lines.slice(1), c.predictedRendering);
        }
    });
}
const dir = mkdtempSync(join(tmpdir(), 'kgate-policy-load-'));
const payload = join(dir, 'payload.json');
writeFileSync(payload, '{"apiVersion": "v1", "kind": "Pod"}');
for (const c of table.policy_load ?? []) {
    test(`${c.id}`, () => {
        const file = join(EXTRA, c.file.replace(/^_policy-load\//, 'policy-load/'));
        const result = spawnSync(process.execPath, [join('bin', 'kgate'), 'scan', '--payload', payload, '--policy', file], { encoding: 'utf8' });
        if (c.wantErr) {
            assert.equal(result.status, 1, result.stdout);
            assert.match(result.stderr, /^Error: .+/);
            return;
        }
        assert.equal(result.status, 0, result.stderr);
        const count = /against (\d+) polic/.exec(result.stdout)?.[1];
        const expected = /(\d+) polic/.exec(String(c.note))?.[1] ?? '0';
        assert.equal(count, expected);
    });
}
//# sourceMappingURL=assertion-cases.test.js.map