import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createJwtDecode } from '../../src/engine/functions/jwt-decode.js';
import { EvaluationError } from '../../src/engine/types.js';
import { outcome, testEnv } from './env.js';
// The Kyverno Envoy plugin's sample tokens (HS256, secret `secret`).
const ALICE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6Imd1ZXN0Iiwic3ViIjoiWVd4cFkyVT0ifQ.ja1bgvIt47393ba_WbSBm35NrUhdxM4mOVQN8iXz8lk';
const BOB = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6ImFkbWluIiwic3ViIjoiWVd4cFkyVT0ifQ.veMeVDYlulTdieeX-jxFZ_tCmqQ_K8rwx2OktUHv5Z0';
const SECRET = new TextEncoder().encode('secret');
const hex = (text) => Buffer.from(text, 'utf8').toString('hex');
/** An HS256 token over exactly these header and payload texts. */
function rawToken(header, payload, secret = 'secret') {
    const input = `${Buffer.from(header).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
async function decodeError(token, secret = 'secret', env = testEnv()) {
    const { value, error } = await outcome(() => createJwtDecode().impl([token, secret], env));
    assert.equal(value, undefined);
    assert.ok(error instanceof EvaluationError, `expected an EvaluationError, got ${error}`);
    return error.message;
}
test('the plugin test case: Alice with the base64 secret, header, payload and sig as the plugin rendered them', async () => {
    const result = await createJwtDecode().impl([ALICE, 'c2VjcmV0'], testEnv());
    assert.deepEqual(result, {
        header: { alg: 'HS256', typ: 'JWT' },
        payload: { exp: 2241081539, nbf: 1514851139, role: 'guest', sub: 'YWxpY2U=' },
        sig: '6a61316267764974343733393362615f576253426d33354e72556864784d346d4f56514e3869587a386c6b',
    });
});
test('a secret that is not valid standard base64 is used as written', async () => {
    const bob = (await createJwtDecode().impl([BOB, 'secret'], testEnv()));
    assert.equal(bob.payload.role, 'admin');
    assert.equal(bob.sig, hex(BOB.split('.')[2]));
});
test('a secret that is valid base64 is decoded first, even when it was meant as text', async () => {
    const token = await new SignJWT({ role: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('abcd'));
    assert.match(await decodeError(token, 'abcd'), /^invalid JWT token: signature is invalid$/);
    const decoded = Buffer.from('abcd', 'base64');
    const signed = await new SignJWT({ role: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(decoded);
    assert.deepEqual((await createJwtDecode().impl([signed, 'abcd'], testEnv())).payload, { role: 'x' });
});
test('HS384 and HS512 verify too', async () => {
    for (const alg of ['HS384', 'HS512']) {
        const token = await new SignJWT({ n: 1 }).setProtectedHeader({ alg }).sign(SECRET);
        const result = (await createJwtDecode().impl([token, 'secret'], testEnv()));
        assert.equal(result.header.alg, alg);
    }
});
test('a wrong secret is a bad signature', async () => {
    assert.equal(await decodeError(ALICE, 'not-the-secret'), 'invalid JWT token: signature is invalid');
    const tampered = `${ALICE.slice(0, -2)}lk`.replace(/lk$/, 'lj');
    assert.equal(await decodeError(tampered), 'invalid JWT token: signature is invalid');
});
test('exp, nbf and iat follow golang-jwt v3: whole seconds, exp inclusive, no leeway, 0 means unset', async () => {
    const exp = 1_700_000_000;
    const token = rawToken('{"alg":"HS256"}', `{"exp":${exp}.9}`);
    assert.ok(await createJwtDecode().impl([token, 'secret'], testEnv(exp * 1000 + 999)));
    assert.equal(await decodeError(token, 'secret', testEnv((exp + 1) * 1000)), 'invalid JWT token: Token is expired');
    const future = testEnv(Date.UTC(2010, 0, 1));
    assert.equal(await decodeError(ALICE, 'secret', future), 'invalid JWT token: Token is not valid yet');
    assert.equal(await decodeError(rawToken('{"alg":"HS256"}', '{"iat":4102444800}')), 'invalid JWT token: Token used before issued');
    assert.ok(await createJwtDecode().impl([rawToken('{"alg":"HS256"}', '{"exp":0,"nbf":0}'), 'secret'], testEnv()));
});
test('a time claim that is not a number always fails, as Go type switches did', async () => {
    assert.equal(await decodeError(rawToken('{"alg":"HS256"}', '{"exp":"2041-01-01"}')), 'invalid JWT token: Token is expired');
    assert.equal(await decodeError(rawToken('{"alg":"HS256"}', '{"nbf":null}')), 'invalid JWT token: Token is not valid yet');
});
test('a bad signature is reported before invalid claims', async () => {
    const token = rawToken('{"alg":"HS256"}', '{"exp":1}', 'other');
    assert.equal(await decodeError(token), 'invalid JWT token: signature is invalid');
});
test('alg none is refused, and asymmetric algorithms cannot use a secret', async () => {
    const none = new UnsecuredJWT({ role: 'admin' }).encode();
    assert.equal(await decodeError(none), "invalid JWT token: 'none' signature type is not allowed");
    assert.equal(await decodeError(rawToken('{"alg":"RS256"}', '{}')), 'invalid JWT token: key is of invalid type');
    assert.equal(await decodeError(rawToken('{"alg":"PS256"}', '{}')), 'invalid JWT token: key is invalid');
    assert.equal(await decodeError(rawToken('{"alg":"HS1"}', '{}')), 'invalid JWT token: signing method (alg) is unavailable.');
    assert.equal(await decodeError(rawToken('{"typ":"JWT"}', '{}')), 'invalid JWT token: signing method (alg) is unspecified.');
    assert.equal(await decodeError(rawToken('null', '{}')), 'invalid JWT token: signing method (alg) is unspecified.');
});
test('malformed tokens say what is wrong without echoing the token', async () => {
    assert.equal(await decodeError('abc'), 'invalid JWT token: token contains an invalid number of segments');
    assert.equal(await decodeError(`Bearer ${ALICE}`), "invalid JWT token: tokenstring should not contain 'bearer '");
    assert.equal(await decodeError('e30=.e30.x'), 'invalid JWT token: illegal base64 data in the header segment');
    assert.equal(await decodeError('e30.e.x'), 'invalid JWT token: illegal base64 data in the payload segment');
    assert.match(await decodeError(rawToken('{"alg":', '{}')), /^invalid JWT token: malformed header: /);
    assert.equal(await decodeError(rawToken('{"alg":"HS256"}', '[1]')), 'invalid JWT token: malformed payload: not a JSON object');
    const message = await decodeError(ALICE.replace(/\.[^.]*$/, '.AAAA'));
    assert.ok(!message.includes(ALICE.split('.')[1]));
});
test('a JSON null payload decodes as no claims, as encoding/json into a map', async () => {
    const result = (await createJwtDecode().impl([rawToken('{"alg":"HS256"}', 'null'), 'secret'], testEnv()));
    assert.deepEqual(result.payload, {});
});
test('non-string arguments are refused', async () => {
    assert.equal(await decodeError(null), 'token must be a string, got null');
    assert.equal(await decodeError(ALICE, 5), 'secret must be a string, got number');
    assert.equal(await decodeError({ token: ALICE }), 'token must be a string, got object');
    assert.equal(await decodeError(ALICE, ''), 'invalid JWT token: the secret is empty');
});
test('a verified token is served from the cache synchronously, its times re-checked on every hit', async () => {
    const env = testEnv(Date.UTC(2024, 0, 1));
    const decode = createJwtDecode();
    const first = await decode.impl([ALICE, 'secret'], env);
    const second = decode.impl([ALICE, 'secret'], env);
    assert.ok(!(second instanceof Promise));
    assert.equal(second, first);
    env.time = Date.UTC(2042, 0, 1);
    const expired = await outcome(() => decode.impl([ALICE, 'secret'], env));
    assert.equal(expired.error?.message, 'invalid JWT token: Token is expired');
});
test('a failure is not cached: the same token verifies once it becomes valid', async () => {
    const env = testEnv(Date.UTC(2010, 0, 1));
    const decode = createJwtDecode();
    assert.match((await outcome(() => decode.impl([ALICE, 'secret'], env))).error?.message ?? '', /not valid yet/);
    env.time = Date.UTC(2024, 0, 1);
    assert.ok(await decode.impl([ALICE, 'secret'], env));
});
test('concurrent calls for one token share the verification in flight', async () => {
    const decode = createJwtDecode();
    const env = testEnv();
    const [a, b] = [decode.impl([BOB, 'secret'], env), decode.impl([BOB, 'secret'], env)];
    assert.ok(a instanceof Promise);
    assert.equal(a, b);
    assert.equal(await a, await b);
});
test('the cache tells secrets apart', async () => {
    const decode = createJwtDecode();
    const env = testEnv();
    await decode.impl([ALICE, 'secret'], env);
    assert.equal((await outcome(() => decode.impl([ALICE, 'other'], env))).error?.message, 'invalid JWT token: signature is invalid');
});
//# sourceMappingURL=jwt-decode.test.js.map