import { compactVerify } from 'jose';
import { ASYMMETRIC_ALGORITHMS, HMAC_ALGORITHMS } from '../functions/jwt-algorithms.js';
import { HmacKeys } from '../functions/jwt-hmac.js';
import { Lru } from '../cache/lru.js';
import { EvaluationError, errorText } from '../types.js';
import { namespace, register } from './registry.js';
export class Token {
    Claims;
    Valid;
    constructor(Claims, Valid) {
        this.Claims = Claims;
        this.Valid = Valid;
    }
}
export class KeySet {
    getKey;
    constructor(getKey) {
        this.getKey = getKey;
    }
}
class Json {
}
export function registerJwt(env, fenv) {
    env.registerType('JwtToken', Token);
    env.registerType('JwkSet', KeySet);
    const jwt = namespace(env, 'jwt');
    const encoder = new TextEncoder();
    const hmac = new HmacKeys();
    // Verified claims by token and key: a token is verified once, its time claims checked on every use.
    const verified = new Lru(1024);
    const cached = (id, verify) => {
        let claims = verified.get(id);
        if (!claims) {
            claims = verify();
            claims.catch(() => verified.delete(id));
            verified.set(id, claims);
        }
        return claims.then((c) => new Token(c, timeValid(c, Math.floor(fenv.now() / 1000))));
    };
    register(env, jwt, 'Decode', ['string', 'string'], (token, secret) => cached(`s:${secret.length}:${secret}:${token}`, () => {
        const bytes = encoder.encode(secret);
        return verifiedClaims(token, (header) => hmac.key(bytes, header.alg), HMAC_ALGORITHMS);
    }));
    const sets = new WeakMap();
    let nextSet = 0;
    register(env, jwt, 'Decode', ['string', 'JwkSet'], (token, set) => {
        if (!sets.has(set.getKey))
            sets.set(set.getKey, ++nextSet);
        return cached(`k:${sets.get(set.getKey)}:${token}`, () => verifiedClaims(token, set.getKey, ASYMMETRIC_ALGORITHMS));
    });
    const jwks = namespace(env, 'jwks');
    register(env, jwks, 'Fetch', ['string'], async (url) => new KeySet(await fenv.keys.jwks(url)));
    env.registerType('JsonLibrary', Json);
    env.registerConstant('json', 'JsonLibrary', new Json());
    register(env, 'JsonLibrary', 'Unmarshal', ['string'], (_json, text) => {
        try {
            return JSON.parse(text);
        }
        catch (error) {
            throw new EvaluationError(`json.Unmarshal: ${errorText(error)}`);
        }
    });
}
async function verifiedClaims(token, key, algorithms) {
    let payload;
    try {
        ({ payload } = await compactVerify(token, key, { algorithms: [...algorithms] }));
    }
    catch (error) {
        throw new EvaluationError(`jwt.Decode: ${errorText(error)}`);
    }
    let claims;
    try {
        claims = JSON.parse(new TextDecoder().decode(payload));
    }
    catch {
        throw new EvaluationError('jwt.Decode: the payload is not JSON');
    }
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims))
        throw new EvaluationError('jwt.Decode: the payload is not a JSON object');
    return claims;
}
/** exp in the future, nbf and iat not after now (no leeway), as the Go library Kyverno Authz uses checks them. */
function timeValid(claims, now) {
    const { exp, nbf, iat } = claims;
    if (typeof exp === 'number' && now >= exp)
        return false;
    if (typeof nbf === 'number' && now < nbf)
        return false;
    if (typeof iat === 'number' && now < iat)
        return false;
    return true;
}
//# sourceMappingURL=jwt.js.map