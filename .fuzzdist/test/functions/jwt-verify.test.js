import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { test } from 'node:test';
import { createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair, importPKCS8, SignJWT, UnsecuredJWT } from 'jose';
import { createJwtVerify } from '../../src/engine/functions/jwt-verify.js';
import { EvaluationError } from '../../src/engine/types.js';
import { outcome, seconds, testEnv } from './env.js';
const NOW = Date.UTC(2024, 0, 1);
const ISSUER = 'https://issuer.example.com';
async function keyPair(alg) {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    return { alg, privateKey, pem: await exportSPKI(publicKey), jwk: await exportJWK(publicKey) };
}
const pairs = Promise.all(['RS256', 'ES256', 'EdDSA', 'PS256'].map(keyPair));
function sign(pair, claims = {}, header = {}) {
    return new SignJWT({ sub: 'alice', iss: ISSUER, aud: 'books', iat: seconds(NOW), exp: seconds(NOW) + 600, ...claims })
        .setProtectedHeader({ alg: pair.alg, ...header })
        .sign(pair.privateKey);
}
async function verify(token, options, env = testEnv(NOW), fn = createJwtVerify()) {
    return fn.impl([token, options], env);
}
async function refusal(token, options, env = testEnv(NOW)) {
    const { value, error } = await outcome(() => verify(token, options, env));
    assert.equal(value, undefined, 'expected a refusal');
    assert.ok(error instanceof EvaluationError, `expected an EvaluationError, got ${error}`);
    if (typeof token === 'string' && token.length > 20)
        assert.ok(!error.message.includes(token.split('.')[1]), 'the message echoes the token');
    return error.message;
}
test('RS256, ES256, EdDSA and PS256 tokens verify with a PEM key, the algorithms derived from the key type', async () => {
    for (const pair of await pairs) {
        const claims = await verify(await sign(pair, { role: pair.alg }), { publicKey: pair.pem, issuer: ISSUER, audience: 'books' });
        assert.equal(claims.role, pair.alg);
    }
});
test('keys inline as a JWK or a JWK set, and HMAC secrets raw or base64', async () => {
    const [rsa, ec] = await pairs;
    assert.ok(await verify(await sign(rsa), { jwk: rsa.jwk }));
    const jwks = {
        keys: [
            { ...rsa.jwk, kid: 'r' },
            { ...ec.jwk, kid: 'e' },
        ],
    };
    assert.ok(await verify(await sign(ec, {}, { kid: 'e' }), { jwks }));
    const secret = new TextEncoder().encode('a-very-secret-key');
    const hs = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS384' }).sign(secret);
    assert.ok(await verify(hs, { secret: 'a-very-secret-key' }));
    assert.ok(await verify(hs, { secretBase64: Buffer.from(secret).toString('base64') }));
    assert.ok(await verify(hs, { secretBase64: Buffer.from(secret).toString('base64url') }));
    assert.ok(await verify(hs, { jwk: { kty: 'oct', k: Buffer.from(secret).toString('base64url') } }));
});
// A self-signed P-256 certificate (CN=kgate-test) and its private key, made with openssl for this test.
const CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBgTCCASegAwIBAgIUUbwuCfGU40KFyjaFNJJn/waod/MwCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKa2dhdGUtdGVzdDAgFw0yNjExMjMwNDAwMDhaGA8yMTI2MTAz
MDA0MDAwOFowFTETMBEGA1UEAwwKa2dhdGUtdGVzdDBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABJrGljuRhlFv/rwYxOQR9RT4AgccMrgY1nBV6UyY40ZqU+PVbFZf
WzRmSO2+T6/uio/nvfuyHnWHyKHfwuaMYbGjUzBRMB0GA1UdDgQWBBS7UmXQQylX
DRYigk0WR5eRq+6laDAfBgNVHSMEGDAWgBS7UmXQQylXDRYigk0WR5eRq+6laDAP
BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIH0MSUAHFirxyEY7nG15
8ECsBZ7uBXO6rRyDWYekFRhDAiEA2b7GoHz5jzEKgmUikr/qB3NiEd1ShnG6Etre
bWkzzng=
-----END CERTIFICATE-----`;
const CERTIFICATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfEqLKUvCRKrajbyD
RXpooxP9Epd5SWAQ8tJnjVauoNKhRANCAASaxpY7kYZRb/68GMTkEfUU+AIHHDK4
GNZwVelMmONGalPj1WxWX1s0Zkjtvk+v7oqP5737sh51h8ih38LmjGGx
-----END PRIVATE KEY-----`;
test('a PEM certificate, PKCS#1 public key or private key gives its public key', async () => {
    const token = await new SignJWT({ sub: 'cert' }).setProtectedHeader({ alg: 'ES256' }).sign(await importPKCS8(CERTIFICATE_KEY, 'ES256'));
    assert.equal((await verify(token, { publicKey: CERTIFICATE })).sub, 'cert');
    assert.ok(await verify(token, { publicKey: CERTIFICATE_KEY }));
    const [rsa] = await pairs;
    const pkcs1 = createPublicKey(rsa.pem).export({ type: 'pkcs1', format: 'pem' });
    assert.ok(await verify(await sign(rsa), { publicKey: pkcs1 }));
});
test('keys from files (PEM, JWK, JWKS) through the key resolver', async () => {
    const [rsa, ec] = await pairs;
    const env = testEnv(NOW);
    env.files.set('/keys/rsa.pem', rsa.pem);
    env.files.set('/keys/ec.json', JSON.stringify(ec.jwk));
    env.files.set('/keys/set.json', JSON.stringify({ keys: [ec.jwk] }));
    assert.ok(await verify(await sign(rsa), { keyFile: '/keys/rsa.pem' }, env));
    assert.ok(await verify(await sign(ec), { keyFile: '/keys/ec.json' }, env));
    assert.ok(await verify(await sign(ec), { keyFile: '/keys/set.json' }, env));
    assert.match(await refusal(await sign(ec), { keyFile: '/keys/missing.pem' }, env), /^options\.keyFile \/keys\/missing\.pem: ENOENT/);
    env.files.set('/keys/bad.pem', 'not a key');
    assert.match(await refusal(await sign(ec), { keyFile: '/keys/bad.pem' }, env), /^options\.keyFile \/keys\/bad\.pem: neither PEM nor JSON/);
});
test('a changed key file takes effect even for a token verified before', async () => {
    const [rsa, ec] = await pairs;
    const env = testEnv(NOW);
    const fn = createJwtVerify();
    env.files.set('/keys/current', rsa.pem);
    const token = await sign(rsa);
    assert.ok(await verify(token, { keyFile: '/keys/current' }, env, fn));
    env.files.set('/keys/current', ec.pem);
    const { error } = await outcome(() => verify(token, { keyFile: '/keys/current' }, env, fn));
    assert.match(error?.message ?? '', /^token rejected: "alg" \(Algorithm\) Header Parameter value not allowed/);
});
test('key sets from a JWKS URL through the key resolver', async () => {
    const [, ec] = await pairs;
    const env = testEnv(NOW);
    env.keySets.set('https://issuer.example.com/jwks.json', createLocalJWKSet({ keys: [{ ...ec.jwk, kid: 'k1' }] }));
    const options = { jwksUri: 'https://issuer.example.com/jwks.json', issuer: ISSUER };
    assert.equal((await verify(await sign(ec, {}, { kid: 'k1' }), options, env)).sub, 'alice');
    assert.match(await refusal(await sign(ec, {}, { kid: 'k2' }), options, env), /no applicable key found in the JSON Web Key Set/);
    assert.match(await refusal(await sign(ec), { jwksUri: 'https://elsewhere.example.com/' }, env), /^options\.jwksUri https:\/\/elsewhere\.example\.com\/: no key set at/);
});
test('alg none is always refused', async () => {
    const [rsa] = await pairs;
    const none = new UnsecuredJWT({ sub: 'alice' }).encode();
    assert.equal(await refusal(none, { publicKey: rsa.pem }), 'token rejected: "alg" (Algorithm) Header Parameter value not allowed (ERR_JOSE_ALG_NOT_ALLOWED)');
    assert.match(await refusal(none, { secret: 'x', algorithms: ['none'] }), /^options\.algorithms: "none" is never accepted$/);
    assert.match(await refusal(none, { jwk: { ...rsa.jwk, alg: 'none' } }), /"none" is never accepted/);
});
test('a token signed with another key, or tampered with, has a bad signature', async () => {
    const [rsa] = await pairs;
    const other = await keyPair('RS256');
    assert.equal(await refusal(await sign(other), { publicKey: rsa.pem }), 'token rejected: signature verification failed (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)');
    const token = await sign(rsa);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'admin' })).toString('base64url')}.${signature}`;
    assert.match(await refusal(forged, { publicKey: rsa.pem }), /signature verification failed/);
});
test('an algorithm outside the allow-list is refused, including an HMAC token against a public key', async () => {
    const [rsa] = await pairs;
    const rs256 = await sign(rsa);
    assert.match(await refusal(rs256, { publicKey: rsa.pem, algorithms: ['PS256'] }), /"alg" \(Algorithm\) Header Parameter value not allowed/);
    const confused = await new SignJWT({ sub: 'admin' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(rsa.pem));
    assert.match(await refusal(confused, { publicKey: rsa.pem }), /not allowed/);
    assert.match(await refusal(rs256, { secret: 'x', algorithms: ['RS256'] }), /a secret verifies only HS256, HS384, HS512, not RS256/);
    assert.match(await refusal(rs256, { publicKey: rsa.pem, algorithms: ['XX1'] }), /unsupported algorithm "XX1"/);
});
test('exp and nbf are checked against the injected clock, with clockTolerance', async () => {
    const [ec] = (await pairs).slice(1);
    const expired = await sign(ec, { exp: seconds(NOW) - 10 });
    assert.match(await refusal(expired, { publicKey: ec.pem }), /^token rejected: "exp" claim timestamp check failed \(ERR_JWT_EXPIRED\)$/);
    assert.ok(await verify(expired, { publicKey: ec.pem, clockTolerance: 30 }));
    const early = await sign(ec, { nbf: seconds(NOW) + 60 });
    assert.match(await refusal(early, { publicKey: ec.pem }), /"nbf" claim timestamp check failed/);
    assert.ok(await verify(early, { publicKey: ec.pem }, testEnv(NOW + 120_000)));
});
test('issuer, audience, subject, typ, required claims and maximum age', async () => {
    const [rsa] = await pairs;
    const token = await sign(rsa, {}, { typ: 'at+jwt' });
    const pem = rsa.pem;
    assert.ok(await verify(token, { publicKey: pem, issuer: [ISSUER, 'other'], audience: ['books', 'x'], subject: 'alice', typ: 'at+jwt' }));
    assert.match(await refusal(token, { publicKey: pem, issuer: 'https://evil.example.com' }), /unexpected "iss" claim value/);
    assert.match(await refusal(token, { publicKey: pem, audience: 'movies' }), /unexpected "aud" claim value/);
    assert.match(await refusal(token, { publicKey: pem, subject: 'bob' }), /unexpected "sub" claim value/);
    assert.match(await refusal(token, { publicKey: pem, typ: 'JWT' }), /unexpected "typ" JWT header value/);
    assert.match(await refusal(token, { publicKey: pem, requiredClaims: ['email'] }), /missing required "email" claim/);
    assert.match(await refusal(token, { publicKey: pem, maxTokenAge: 60 }, testEnv(NOW + 120_000)), /"iat" claim timestamp check failed \(too far in the past\)/);
    assert.ok(await verify(token, { publicKey: pem, maxTokenAge: 60 }, testEnv(NOW + 30_000)));
});
test('malformed tokens and non-string or non-object arguments', async () => {
    const [rsa] = await pairs;
    assert.match(await refusal('not-a-token', { publicKey: rsa.pem }), /^token rejected: Invalid Compact JWS/);
    assert.equal(await refusal(null, { publicKey: rsa.pem }), 'token must be a string, got null');
    assert.equal(await refusal(42, { publicKey: rsa.pem }), 'token must be a string, got number');
    assert.equal(await refusal('a.b.c', 'options'), 'options must be an object, got string');
    assert.equal(await refusal('a.b.c', [rsa.pem]), 'options must be an object, got array');
});
test('options are checked: names, exactly one key source, types', async () => {
    const [rsa] = await pairs;
    assert.match(await refusal('a.b.c', { publicKey: rsa.pem, jwks_uri: 'x' }), /^options\.jwks_uri is not an option \(known: /);
    assert.match(await refusal('a.b.c', { issuer: ISSUER }), /^options need exactly one key source of secret, secretBase64, publicKey, jwk, jwks, keyFile, jwksUri$/);
    assert.match(await refusal('a.b.c', { secret: 'x', publicKey: rsa.pem }), /exactly one key source .*, got secret, publicKey$/);
    assert.match(await refusal('a.b.c', { publicKey: 'garbage' }), /^options\.publicKey: not a PEM public key/);
    assert.match(await refusal('a.b.c', { jwksUri: 'ftp://x/keys' }), /^options\.jwksUri must be an http\(s\) URL$/);
    assert.match(await refusal('a.b.c', { jwksUri: 'not a url' }), /^options\.jwksUri is not a URL$/);
    assert.match(await refusal('a.b.c', { secret: '' }), /^options\.secret: the secret is empty$/);
    assert.match(await refusal('a.b.c', { secretBase64: 'a$b' }), /^options\.secretBase64 is not base64$/);
    assert.match(await refusal('a.b.c', { publicKey: rsa.pem, clockTolerance: '30s' }), /^options\.clockTolerance must be a number of seconds/);
    assert.match(await refusal('a.b.c', { publicKey: rsa.pem, audience: 5 }), /^options\.audience must be a string, got number$/);
    assert.match(await refusal('a.b.c', { publicKey: rsa.pem, requiredClaims: 'sub' }), /^options\.requiredClaims must be an array of strings$/);
    assert.match(await refusal('a.b.c', { publicKey: rsa.pem, algorithms: [] }), /^options\.algorithms must be a non-empty array/);
});
test('verified claims are served from the cache synchronously; exp is re-checked on every hit', async () => {
    const [rsa] = await pairs;
    const fn = createJwtVerify();
    const env = testEnv(NOW);
    const token = await sign(rsa, { exp: seconds(NOW) + 60 });
    const options = { publicKey: rsa.pem };
    const first = await verify(token, options, env, fn);
    const second = fn.impl([token, { publicKey: rsa.pem }], env);
    assert.ok(!(second instanceof Promise), 'a cache hit is synchronous');
    assert.equal(second, first);
    env.time = NOW + 61_000;
    assert.match((await outcome(() => fn.impl([token, options], env))).error?.message ?? '', /"exp" claim timestamp check failed/);
});
test('a failed verification is not cached', async () => {
    const [rsa] = await pairs;
    const fn = createJwtVerify();
    const env = testEnv(NOW);
    const token = await sign(rsa, { nbf: seconds(NOW) + 60 });
    assert.ok((await outcome(() => fn.impl([token, { publicKey: rsa.pem }], env))).error);
    env.time = NOW + 61_000;
    assert.ok(await fn.impl([token, { publicKey: rsa.pem }], env));
});
test('cached verifications expire after the TTL, so a key set change is seen', async () => {
    const [, ec] = await pairs;
    const fn = createJwtVerify({ ttlMs: 1000 });
    const env = testEnv(NOW);
    const url = 'https://issuer.example.com/jwks.json';
    const set = { keys: [{ ...ec.jwk, kid: 'k1' }] };
    let current = createLocalJWKSet(set);
    env.keySets.set(url, ((header, token) => current(header, token)));
    const token = await sign(ec, {}, { kid: 'k1' });
    assert.ok(await fn.impl([token, { jwksUri: url }], env));
    current = createLocalJWKSet({ keys: [] });
    assert.ok(!(fn.impl([token, { jwksUri: url }], env) instanceof Promise), 'still cached within the TTL');
    env.time = NOW + 1000;
    assert.match((await outcome(() => fn.impl([token, { jwksUri: url }], env))).error?.message ?? '', /no applicable key found/);
});
//# sourceMappingURL=jwt-verify.test.js.map