// Key material for jwt_verify: what a secret, a PEM, a JWK or a JWK set turns
// into, with the algorithms it may verify when the policy lists none.
import { createPublicKey } from 'node:crypto';
import { base64url, createLocalJWKSet } from 'jose';
import { EvaluationError } from '../types.js';
import { algorithmsForKey, ASYMMETRIC_ALGORITHMS, checkAlgorithms, HMAC_ALGORITHMS } from './jwt-algorithms.js';
import { isObject } from '../json.js';
export function secretKey(secret, hmac, what) {
    if (secret.length === 0)
        throw new EvaluationError(`${what}: the secret is empty`);
    return { key: (header) => hmac.key(secret, header.alg), algorithms: HMAC_ALGORITHMS };
}
/** A PEM public key (SPKI or PKCS#1), certificate, or private key (only its public half is used). */
export function pemKey(pem, what) {
    const key = attempt(() => createPublicKey(pem), what, 'not a PEM public key, certificate or private key');
    return { key, algorithms: attempt(() => algorithmsForKey(key), what) };
}
export function jwkKey(jwk, hmac, what) {
    const declared = jwk.alg === undefined ? undefined : checkAlgorithms([jwk.alg], `${what}.alg`);
    if (jwk.kty === 'oct') {
        if (typeof jwk.k !== 'string')
            throw new EvaluationError(`${what}: an "oct" JWK needs its "k" member`);
        const secret = attempt(() => base64url.decode(jwk.k), what, '"k" is not base64url');
        return { ...secretKey(secret, hmac, what), ...(declared && { algorithms: declared }) };
    }
    const key = attempt(() => createPublicKey({ key: jwk, format: 'jwk' }), what, 'not a usable JWK');
    return { key, algorithms: declared ?? attempt(() => algorithmsForKey(key), what) };
}
export function jwksKey(jwks, what) {
    const getKey = attempt(() => createLocalJWKSet(jwks), what, 'not a JWK set');
    return keySet(getKey);
}
/** A key set picks its key by `kid` and `alg`, and jose matches each key's type to the algorithm. */
export function keySet(getKey) {
    return { key: getKey, algorithms: ASYMMETRIC_ALGORITHMS };
}
/** The text of a key file: PEM, or JSON holding a JWK or a JWK set. */
export function keyFileKey(text, hmac, what) {
    if (text.trimStart().startsWith('-----BEGIN'))
        return pemKey(text, what);
    const json = attempt(() => JSON.parse(text), what, 'neither PEM nor JSON');
    if (!isObject(json))
        throw new EvaluationError(`${what}: JSON key files hold a JWK or a JWK set object`);
    return Array.isArray(json.keys) ? jwksKey(json, what) : jwkKey(json, hmac, what);
}
function attempt(run, what, reason) {
    try {
        return run();
    }
    catch (error) {
        const message = error.message;
        throw new EvaluationError(`${what}: ${reason ? `${reason} (${message})` : message}`);
    }
}
//# sourceMappingURL=jwt-keys.js.map