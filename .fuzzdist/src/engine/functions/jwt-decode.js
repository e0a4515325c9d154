// jwt_decode(token, secret): the Kyverno Envoy plugin's function, which ran
// golang-jwt v3's Parse with the secret as an HMAC []byte key. Reproduced
// here: its parse order and messages, its MapClaims time rules (exp, iat,
// nbf as truncated integers, no clock skew) and its result shape, with `sig`
// the hex of the signature segment's text (what `%x` of Token.Signature gave).
import { base64url, compactVerify } from 'jose';
import { EvaluationError } from '../types.js';
import { HMAC_ALGORITHMS } from './jwt-algorithms.js';
import { HmacKeys } from './jwt-hmac.js';
import { expectString } from './values.js';
import { pairKey, VerifiedCache } from './verified-cache.js';
import { isObject } from '../json.js';
// The methods golang-jwt v3 registers; any other `alg` is "unavailable".
const GO_METHODS = new Set([...HMAC_ALGORITHMS, 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'none']);
const RAW_URL_BASE64 = /^[A-Za-z0-9_-]*$/;
const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export function createJwtDecode(cacheOptions) {
    const cache = new VerifiedCache(cacheOptions);
    const hmac = new HmacKeys();
    return {
        jp: 'jwt_decode',
        jsonata: 'jwtDecode',
        args: [
            { name: 'token', types: ['string'] },
            { name: 'secret', types: ['string'] },
        ],
        impl: ([token, secret], env) => decode(expectString(token, 'token'), expectString(secret, 'secret'), env),
    };
    function decode(token, secret, env) {
        const now = env.now();
        const stillValid = (jwt) => claimsError(jwt.payload, epochSeconds(now)) === undefined;
        return cache.get(pairKey(secret, token), undefined, now, stillValid, () => verify(token, secret, env));
    }
    async function verify(token, secret, env) {
        const parsed = parse(token);
        const signatureError = await checkSignature(token, parsed.alg, secretBytes(secret));
        const error = signatureError ?? claimsError(parsed.payload, epochSeconds(env.now()));
        if (error)
            throw invalid(error);
        return { header: parsed.header, payload: parsed.payload, sig: Buffer.from(parsed.signature, 'utf8').toString('hex') };
    }
    async function checkSignature(token, alg, secret) {
        if (alg === 'none')
            return "'none' signature type is not allowed";
        if (alg.startsWith('PS'))
            return 'key is invalid';
        if (!HMAC_ALGORITHMS.includes(alg))
            return 'key is of invalid type';
        const key = await hmac.key(secret, alg).catch((error) => {
            throw invalid(error.message);
        });
        try {
            await compactVerify(token, key, { algorithms: [alg] });
            return undefined;
        }
        catch (error) {
            return error.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'signature is invalid' : error.message;
        }
    }
}
function parse(token) {
    const parts = token.split('.');
    if (parts.length !== 3)
        throw invalid('token contains an invalid number of segments');
    const [headerSegment, payloadSegment, signature] = parts;
    const headerBytes = segment(headerSegment);
    if (!headerBytes) {
        throw invalid(token.toLowerCase().startsWith('bearer ') ? "tokenstring should not contain 'bearer '" : 'illegal base64 data in the header segment');
    }
    const header = jsonObject(headerBytes, 'header');
    const payloadBytes = segment(payloadSegment);
    if (!payloadBytes)
        throw invalid('illegal base64 data in the payload segment');
    const payload = jsonObject(payloadBytes, 'payload');
    const alg = header.alg;
    if (typeof alg !== 'string')
        throw invalid('signing method (alg) is unspecified.');
    if (!GO_METHODS.has(alg))
        throw invalid('signing method (alg) is unavailable.');
    return { header, payload, alg, signature };
}
/** Go's base64.RawURLEncoding: URL alphabet, no padding. */
function segment(text) {
    return RAW_URL_BASE64.test(text) && text.length % 4 !== 1 ? base64url.decode(text) : undefined;
}
// encoding/json into a map: `null` leaves the map empty, anything but an object fails.
function jsonObject(bytes, what) {
    let value;
    try {
        value = JSON.parse(Buffer.from(bytes).toString('utf8'));
    }
    catch (error) {
        throw invalid(`malformed ${what}: ${error.message}`);
    }
    if (value === null)
        return {};
    if (!isObject(value))
        throw invalid(`malformed ${what}: not a JSON object`);
    return value;
}
/** The plugin's rule: the secret is base64-decoded when it is valid standard base64, used as is otherwise. */
function secretBytes(secret) {
    const compact = secret.replace(/[\r\n]/g, '');
    return STD_BASE64.test(compact) ? Buffer.from(compact, 'base64') : Buffer.from(secret, 'utf8');
}
/** golang-jwt v3 MapClaims.Valid: the last failing check names the error. */
function claimsError(payload, now) {
    let error;
    if (!timeClaimHolds(payload, 'exp', (exp) => now <= exp))
        error = 'Token is expired';
    if (!timeClaimHolds(payload, 'iat', (iat) => now >= iat))
        error = 'Token used before issued';
    if (!timeClaimHolds(payload, 'nbf', (nbf) => now >= nbf))
        error = 'Token is not valid yet';
    return error;
}
// Absent or 0 holds; a number is truncated to an integer; anything else fails.
function timeClaimHolds(payload, claim, holds) {
    if (!Object.hasOwn(payload, claim))
        return true;
    const value = payload[claim];
    if (typeof value !== 'number')
        return false;
    const seconds = Math.trunc(value);
    return seconds === 0 || holds(seconds);
}
function epochSeconds(ms) {
    return Math.floor(ms / 1000);
}
function invalid(reason) {
    return new EvaluationError(`invalid JWT token: ${reason}`);
}
//# sourceMappingURL=jwt-decode.js.map