import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Bindings } from '../../../src/engine/bindings.js';
import { EvaluationError, ExpressionSyntaxError } from '../../../src/engine/types.js';
import { compilerFor, evaluate } from './helpers.js';
const jsonata = compilerFor();
test("a syntax error names the expression, with JSONata's code, position and reason", () => {
    for (const [source, reason] of [
        ['request.http.', /Unexpected end of expression \(S0207 at position 13\)/],
        ['$split(a, ', /Expected "\)" before end of expression \(S0203 at position 10\)/],
        ['a ++ b', /\(S0211 at position 4\)/],
        ['', /Unexpected end of expression/],
    ]) {
        assert.throws(() => jsonata.compile(source), (e) => e instanceof ExpressionSyntaxError && e.compiler === 'jsonata' && e.expression === source && reason.test(e.message), source);
    }
});
test('variables are the $names the expression reads and does not bind itself', () => {
    const variables = (source) => [...jsonata.compile(source).variables].sort();
    assert.deepEqual(variables('request.http.method'), []);
    assert.deepEqual(variables('$claims.role'), ['claims']);
    assert.deepEqual(variables('$ = $$ and $.a = $$.b'), []);
    assert.deepEqual(variables('($x := 1; $x + $y)'), ['y']);
    assert.deepEqual(variables('($x := $x + 1; $x)'), ['x']);
    assert.deepEqual(variables('(($inner := 1); $inner)'), ['inner']);
    assert.deepEqual(variables('$map($list, function($v, $i){ $v + $i + $offset })'), ['list', 'map', 'offset']);
    assert.deepEqual(variables('($f := function($n){ $n > 0 ? $f($n - 1) : $base }; $f(3))'), ['base']);
    assert.deepEqual(variables('($even := function($n){ $n = 0 ? true : $odd($n - 1) }; $odd := function($n){ $n = 0 ? false : $even($n - 1) }; $even($k))'), [
        'k',
    ]);
    assert.deepEqual(variables('items@$i#$j.{"item": $i, "index": $j, "other": $z}'), ['z']);
    assert.deepEqual(variables('items[$.price > $low]^(>$key).name'), ['key', 'low']);
    assert.deepEqual(variables('| order | {"total": $total} |'), ['total']);
    // Function names are read too: a binding of that name would shadow the function.
    assert.deepEqual(variables('$split(header, $sep)[0] & $uppercase($now())'), ['now', 'sep', 'split', 'uppercase']);
    assert.deepEqual(variables('$jwtDecode($token, "secret").payload.role'), ['jwtDecode', 'token']);
});
test('bindings are JSONata variables and the current node is the context', async () => {
    assert.equal(await evaluate(jsonata, '$greeting & ", " & name', { name: 'Alice' }, { greeting: 'Hello' }), 'Hello, Alice');
    assert.deepEqual(await evaluate(jsonata, '$', { a: 1 }), { a: 1 });
    assert.equal(await evaluate(jsonata, '$missing', {}), null);
});
test('only the bindings the expression reads are resolved; lazy ones are awaited', async () => {
    let resolved = 0;
    const bindings = Bindings.empty
        .withLazy('unused', () => {
        throw new EvaluationError('must not be resolved');
    })
        .withLazy('claims', async () => {
        resolved++;
        return { role: 'admin' };
    });
    const expression = jsonata.compile('$claims.role');
    assert.equal(await expression.evaluate({}, { bindings }), 'admin');
    assert.equal(await expression.evaluate({}, { bindings }), 'admin');
    assert.equal(resolved, 1);
});
test('a binding that fails makes the evaluation fail with its error', async () => {
    const bindings = Bindings.empty.withLazy('claims', () => {
        throw new EvaluationError('context entry claims: token expired');
    });
    await assert.rejects(async () => jsonata.compile('$claims.role').evaluate({}, { bindings }), /context entry claims: token expired/);
});
test('a compiled expression keeps its source and compiler name', () => {
    const expression = jsonata.compile('a.b');
    assert.equal(expression.source, 'a.b');
    assert.equal(expression.compiler, 'jsonata');
    assert.equal(jsonata.name, 'jsonata');
});
test('a binding shadows a function of the same name, as JSONata variables do', async () => {
    assert.equal(await evaluate(jsonata, '$type', {}, { type: 'admin' }), 'admin');
    assert.equal(await evaluate(jsonata, '$split', {}, { split: 'mine' }), 'mine');
    await assert.rejects(async () => evaluate(jsonata, '$split("a b", " ")', {}, { split: 'mine' }), /T1006/);
    assert.deepEqual(await evaluate(jsonata, '$split("a b", " ")', {}), ['a', 'b']);
});
//# sourceMappingURL=compile.test.js.map