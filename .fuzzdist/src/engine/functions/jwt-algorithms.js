import { EvaluationError } from '../types.js';
export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
const RSA_PSS = ['PS256', 'PS384', 'PS512'];
const RSA = ['RS256', 'RS384', 'RS512', ...RSA_PSS];
const EDDSA = ['EdDSA', 'Ed25519'];
const EC_BY_CURVE = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
/** Every asymmetric algorithm jose verifies here; what a key set (JWKS) allows by default, jose matching each key's type. */
export const ASYMMETRIC_ALGORITHMS = [...RSA, ...Object.values(EC_BY_CURVE), ...EDDSA];
const SUPPORTED = new Set([...HMAC_ALGORITHMS, ...ASYMMETRIC_ALGORITHMS]);
/** The algorithms a public key can verify, from its type (and curve). */
export function algorithmsForKey(key) {
    const type = key.asymmetricKeyType;
    if (type === 'rsa')
        return [...RSA];
    if (type === 'rsa-pss')
        return [...RSA_PSS];
    if (type === 'ed25519')
        return [...EDDSA];
    const curve = type === 'ec' ? EC_BY_CURVE[key.asymmetricKeyDetails?.namedCurve ?? ''] : undefined;
    if (curve)
        return [curve];
    throw new EvaluationError(`keys of type ${type ?? key.type} are not supported (RSA, RSA-PSS, EC P-256/P-384/P-521 and Ed25519 are)`);
}
/** Validates an explicit allow-list: a non-empty list of supported algorithm names; `none` is never accepted. */
export function checkAlgorithms(value, what) {
    if (!Array.isArray(value) || value.length === 0)
        throw new EvaluationError(`${what} must be a non-empty array of algorithm names`);
    for (const alg of value) {
        if (alg === 'none')
            throw new EvaluationError(`${what}: "none" is never accepted`);
        if (typeof alg !== 'string' || !SUPPORTED.has(alg)) {
            throw new EvaluationError(`${what}: unsupported algorithm ${JSON.stringify(alg)} (supported: ${[...SUPPORTED].join(', ')})`);
        }
    }
    return value;
}
//# sourceMappingURL=jwt-algorithms.js.map