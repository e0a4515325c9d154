// createCompilers: kgate's functions answer the same under both names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCompilers } from '../../../src/engine/compilers/index.js';
import { scopeWith, testEnv } from './helpers.js';
const BOB = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6ImFkbWluIiwic3ViIjoiWVd4cFkyVT0ifQ.veMeVDYlulTdieeX-jxFZ_tCmqQ_K8rwx2OktUHv5Z0';
const payload = { request: { http: { headers: { authorization: `Bearer ${BOB}` } } }, source: { address: '10.0.0.7' } };
test('jp and jsonata both get the kgate functions', async () => {
    const { jp, jsonata } = createCompilers(testEnv());
    const pairs = [
        [
            "jwt_decode(split(request.http.headers.authorization, ' ')[1], 'secret').payload.role",
            "$jwtDecode($split(request.http.headers.authorization, ' ')[1], 'secret').payload.role",
            'admin',
        ],
        ["cidr_contains('10.0.0.0/8', source.address)", "$cidrContains('10.0.0.0/8', source.address)", true],
        ["base64url_encode('subjects?>>')", "$base64UrlEncode('subjects?>>')", 'c3ViamVjdHM_Pj4'],
    ];
    for (const [jpSource, jsonataSource, expected] of pairs) {
        assert.equal(await jp.compile(jpSource).evaluate(payload, scopeWith()), expected, jpSource);
        assert.equal(await jsonata.compile(jsonataSource).evaluate(payload, scopeWith()), expected, jsonataSource);
    }
});
test("jsonata also gets Kyverno's time functions and wildcard", async () => {
    const { jsonata } = createCompilers(testEnv(Date.UTC(2024, 0, 2, 3, 4, 5)));
    assert.equal(await jsonata.compile('$timeNow()').evaluate({}, scopeWith()), '2024-01-02T03:04:05Z');
    assert.equal(await jsonata.compile('$wildcard("10.*", source.address)').evaluate(payload, scopeWith()), true);
});
//# sourceMappingURL=compilers.test.js.map