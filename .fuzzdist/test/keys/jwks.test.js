// Remote JWK sets through the key resolver, served by a local HTTP server.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createJwtVerify } from '../../src/engine/functions/jwt-verify.js';
import { EvaluationError } from '../../src/engine/types.js';
import { createKeyResolver } from '../../src/keys/index.js';
let server;
let base = '';
const served = { keys: [] };
const hits = new Map();
before(async () => {
    server = createServer((req, res) => {
        hits.set(req.url, (hits.get(req.url) ?? 0) + 1);
        if (req.url === '/hang')
            return; // never answers
        if (req.url === '/broken') {
            res.writeHead(500).end('no');
            return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
});
async function signer(kid) {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid };
    const sign = () => new SignJWT({ sub: kid }).setProtectedHeader({ alg: 'ES256', kid }).setExpirationTime('1h').sign(privateKey);
    return { jwk, sign };
}
function envWith(jwks) {
    return { now: () => Date.now(), keys: createKeyResolver(jwks) };
}
test('tokens verify against a JWKS URL; the set is fetched once and shared', async () => {
    const k1 = await signer('k1');
    served.keys = [k1.jwk];
    const env = envWith({ jwks: { cooldownMs: 0 } });
    const verify = createJwtVerify();
    const url = `${base}/jwks.json`;
    assert.equal((await verify.impl([await k1.sign(), { jwksUri: url }], env)).sub, 'k1');
    assert.ok(await verify.impl([await k1.sign(), { jwksUri: url, algorithms: ['ES256'] }], env));
    assert.equal(hits.get('/jwks.json'), 1);
    assert.equal(env.keys.jwks(url), env.keys.jwks(url));
});
test('a key added to the set (rotation) is found by refetching', async () => {
    const [k1, k2] = [await signer('a1'), await signer('a2')];
    served.keys = [k1.jwk];
    const env = envWith({ jwks: { cooldownMs: 0 } });
    const verify = createJwtVerify();
    const url = `${base}/rotating.json`;
    assert.ok(await verify.impl([await k1.sign(), { jwksUri: url }], env));
    served.keys = [k1.jwk, k2.jwk];
    assert.ok(await verify.impl([await k2.sign(), { jwksUri: url }], env));
    assert.equal(hits.get('/rotating.json'), 2);
});
test('an unreachable, slow or failing key set is an evaluation error, not a hang', async () => {
    const k = await signer('t1');
    const env = envWith({ jwks: { timeoutMs: 100 } });
    const verify = createJwtVerify();
    for (const [path, reason] of [
        ['/hang', /request timed out/],
        ['/broken', /Expected 200 OK from the JSON Web Key Set HTTP response/],
    ]) {
        await assert.rejects(async () => verify.impl([await k.sign(), { jwksUri: `${base}${path}` }], env), (e) => e instanceof EvaluationError && reason.test(e.message), path);
    }
});
//# sourceMappingURL=jwks.test.js.map