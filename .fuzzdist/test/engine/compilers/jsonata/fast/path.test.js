// The synchronous fast paths answer exactly what JSONata answers: a corpus of
// expressions × inputs × bindings through both, compared value for value and
// error for error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilerFor, isPromise, outcome, scopeWith } from '../helpers.js';
const ALICE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6Imd1ZXN0Iiwic3ViIjoiWVd4cFkyVT0ifQ.ja1bgvIt47393ba_WbSBm35NrUhdxM4mOVQN8iXz8lk';
const request = {
    request: { http: { method: 'GET', path: '/books/1', headers: { authorization: `Bearer ${ALICE}`, 'x-count': '5', cookie: 'a=1; b=2' } } },
    source: { address: { socketAddress: { address: '10.1.2.3', portValue: 4242 } } },
    items: [
        { name: 'a', tags: ['x'] },
        { name: 'b', tags: [] },
    ],
    one: [{ name: 'solo' }],
    nested: [[1, 2], [3]],
    empty: [],
    nul: null,
    n: 5,
    s: 'stand alone',
    obj: { a: { b: [1, 2, 3], c: null, d: { e: 'deep' } } },
    marked: { _jsonata_function: true, a: 1 },
    'odd key': { 'x.y': 1 },
};
const inputs = [
    ['request', request],
    ['array context', [{ a: 1, name: 'first' }, { a: 2 }]],
    ['one-item array context', [{ a: 1 }]],
    ['string context', 'just text'],
    ['null context', null],
    ['empty object', {}],
    ['undefined context', undefined],
];
const bindingSets = [
    ['none', {}],
    [
        'some',
        {
            claims: { role: 'admin', groups: ['a', 'b'], meta: { level: 3 } },
            list: [{ a: 1 }, { a: 2 }],
            single: ['x'],
            str: 'hello wide world',
            num: 3,
            nul: null,
            token: ALICE,
            split: 'a binding that shadows $split',
        },
    ],
];
const expressions = [
    // paths from the context
    'request.http.method',
    'request.http.headers.authorization',
    'request.http.headers."x-count"',
    'request.nothing.deeper',
    'items',
    'items.name',
    'items[0].name',
    'items[1].tags',
    'items[-1]',
    'items[5]',
    'items[0].tags[0]',
    'items.tags',
    'one.name',
    'one[0]',
    'one[0].name',
    'nested',
    'nested[0]',
    'nested[0][1]',
    'nested[1][0]',
    'nested[0][5]',
    'empty',
    'empty[0]',
    'nul',
    'nul.x',
    'nul[0]',
    'n',
    'n[0]',
    'n[-1]',
    'n[1]',
    's',
    's.length',
    'obj.a.b',
    'obj.a.b[1]',
    'obj.a.b[-1]',
    'obj.a.b[1.7]',
    'obj.a.b[-1.5]',
    'obj.a.c',
    'obj.a.c.d',
    'obj.a.d.e',
    'marked.a',
    '`odd key`.`x.y`',
    'a',
    'a[0]',
    'name',
    'constructor',
    'toString',
    // context and root
    '$',
    '$[0]',
    '$[1]',
    '$$',
    '$.request.http.method',
    '$$.items[0].name',
    '$.a',
    '$[0].a',
    // variables
    '$claims',
    '$claims.role',
    '$claims.groups',
    '$claims.groups[1]',
    '$claims.groups.x',
    '$claims.meta.level',
    '$list.a',
    '$list[0].a',
    '$list[1]',
    '$single',
    '$single[0]',
    '$single[0].x',
    '$str',
    '$nul',
    '$nul.x',
    '$num',
    '$undef',
    '$undef.x',
    '$split',
    // names of Object.prototype are no bindings, nor fields of data
    '$constructor',
    '$toString.x',
    'obj.constructor',
    'request.hasOwnProperty',
    // literals and constructors of literals
    '"lit"',
    '42',
    '-1.5',
    'true',
    'false',
    'null',
    '"x"[0]',
    '"x"[1]',
    '{"a": 1, "b": [true, null, {"c": "d"}]}',
    '[1, [2, 3]]',
    '[]',
    '{}',
    '{"a": 1, "a": 2}',
    '[[1]]',
    '[1, 2][0]',
    '{"k": "v"}.k',
    // JSONata built-ins on the fast path
    "$split(request.http.headers.authorization, ' ')",
    "$split(request.http.headers.authorization, ' ')[1]",
    "$split(request.http.headers.authorization, ' ')[-1]",
    "$split(request.http.headers.authorization, ' ')[1].x",
    "$split(request.http.headers.cookie, '; ')[0]",
    "$split(s, 't', 1)",
    "$split(s, 't', 0)",
    "$split(s, 't', -1)",
    "$split(s, 't', 1.5)",
    "$split(missing, ' ')",
    "$split(n, ' ')",
    "$split($str, ' ')[0]",
    '$split(s, /t/)',
    '$split(s)',
    '$split(s, missing)',
    "$split(s, ' ', 'x')",
    "$split($str, ' ', 2, 3)",
    '$lowercase(request.http.method)',
    '$uppercase(s)',
    '$uppercase(n)',
    '$uppercase(missing)',
    '$uppercase()',
    '$uppercase(items.name)',
    "$trim('  a \t b  ')",
    '$trim(s)',
    "$substringBefore($str, ' ')",
    "$substringAfter($str, ' ')",
    "$substringAfter($str, 'zz')",
    "$substringBefore(missing, 'x')",
    '$substringBefore(s, missing)',
    '$substringBefore(s, 5)',
    "$contains($str, 'wide')",
    "$contains(missing, 'x')",
    '$contains(s, missing)',
    '$contains(s, n)',
    '$contains(s, /and/)',
    '$exists(request.http.method)',
    '$exists(missing)',
    '$exists(items.name)',
    '$exists(nul)',
    '$exists()',
    // kgate functions
    "$cidrContains('10.0.0.0/8', source.address.socketAddress.address)",
    "$cidrContains(['10.0.0.0/8'], '10.1.2.3')",
    "$cidrContains('10.0.0.0/8', n)",
    "$cidrContains('10.0.0.0/8', missing)",
    "$cidrContains('bad', '1.2.3.4')",
    "$cidrContains('10.0.0.0/8')",
    '$base64UrlEncode(s)',
    '$base64UrlDecode($base64UrlEncode(s))',
    '$base64UrlEncode(items.name)',
    '$base64UrlEncode("a")[0]',
    '$base64UrlEncode("a")[1]',
    "$wildcard('*alone', s)",
    "$wildcard('*', $claims.role)",
    "$jwtDecode($split(request.http.headers.authorization, ' ')[1], 'secret').payload.role",
    "$jwtDecode($token, 'secret').payload",
    "$jwtDecode($token, 'wrong')",
    '$jwtDecode($token)',
    '$jwtDecode',
    "$jwtVerify($token, {'secret': 'secret', 'algorithms': ['HS256']}).role",
];
async function run(compiler, source, value, bindings) {
    const { value: result, error } = await outcome(() => compiler.compile(source).evaluate(value, scopeWith(bindings)));
    return error ? { error: `${error.name}: ${error.message}` } : { result };
}
test('fast paths and JSONata agree on every expression, input and binding set of the corpus', async () => {
    const fast = compilerFor();
    const full = compilerFor({ fastPaths: false });
    let cases = 0;
    for (const source of expressions) {
        for (const [inputName, value] of inputs) {
            for (const [bindingsName, bindings] of bindingSets) {
                const expected = await run(full, source, value, bindings);
                assert.deepEqual(await run(fast, source, value, bindings), expected, `${source} on ${inputName} with ${bindingsName} bindings`);
                cases++;
            }
        }
    }
    assert.equal(cases, expressions.length * inputs.length * bindingSets.length);
});
test('the fast paths do answer synchronously for plain paths, variables, literals, indexes and function calls', async () => {
    const fast = compilerFor();
    const { split: _shadow, ...bindings } = bindingSets[1][1];
    const scope = scopeWith(bindings);
    const synchronous = [
        'request.http.method',
        'request.http.headers."x-count"',
        'items[0].name',
        'items',
        'obj.a.b[-1]',
        'missing.path',
        '$claims.role',
        '$claims.groups[1]',
        '$',
        '"lit"',
        '{"a": [1, {"b": null}]}',
        "$split(request.http.headers.authorization, ' ')[1]",
        '$lowercase(request.http.method)',
        '$exists(request.http.method)',
        "$cidrContains('10.0.0.0/8', source.address.socketAddress.address)",
        "$wildcard('*alone', s)",
        '$base64UrlEncode(s)',
    ];
    for (const source of synchronous) {
        const result = fast.compile(source).evaluate(request, scope);
        assert.ok(!isPromise(result), `${source} should evaluate synchronously`);
    }
    const needsJsonata = async (source, bindings = scope) => {
        const result = fast.compile(source).evaluate(request, bindings);
        assert.ok(isPromise(result), `${source} needs JSONata`);
        await outcome(() => result);
    };
    for (const source of ['items.name', '$claims.groups.x', '$split(s, /t/)', '$uppercase(n)', 'n + s'])
        await needsJsonata(source);
    // A binding that shadows the function leaves the call to JSONata.
    await needsJsonata("$split(request.http.headers.authorization, ' ')[1]", scopeWith({ split: 'x' }));
});
test('a cached kgate function result comes back synchronously through the fast path', async () => {
    const fast = compilerFor();
    const expression = fast.compile("$jwtDecode($split(request.http.headers.authorization, ' ')[1], 'secret').payload.role");
    const scope = scopeWith();
    assert.ok(isPromise(expression.evaluate(request, scope)), 'the first verification is asynchronous');
    assert.equal(await expression.evaluate(request, scope), 'guest');
    const cached = expression.evaluate(request, scope);
    assert.ok(!isPromise(cached));
    assert.equal(cached, 'guest');
});
//# sourceMappingURL=path.test.js.map