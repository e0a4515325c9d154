// jwt_verify's options object, checked once per distinct object (the caller
// caches the plan by the object's JSON).
import { EvaluationError } from '../types.js';
import { checkAlgorithms } from './jwt-algorithms.js';
import { jwkKey, jwksKey, pemKey, secretKey } from './jwt-keys.js';
import { expectObject, expectString, typeName } from './values.js';
const KEY_OPTIONS = ['secret', 'secretBase64', 'publicKey', 'jwk', 'jwks', 'keyFile', 'jwksUri'];
const CLAIM_OPTIONS = ['issuer', 'audience', 'subject', 'typ', 'requiredClaims', 'clockTolerance', 'maxTokenAge'];
const KNOWN = new Set([...KEY_OPTIONS, ...CLAIM_OPTIONS, 'algorithms']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
export function parseVerifyOptions(options, hmac) {
    for (const name of Object.keys(options)) {
        if (!KNOWN.has(name))
            throw new EvaluationError(`options.${name} is not an option (known: ${[...KNOWN].join(', ')})`);
    }
    const keyOptions = KEY_OPTIONS.filter((name) => Object.hasOwn(options, name));
    if (keyOptions.length !== 1) {
        throw new EvaluationError(`options need exactly one key source of ${KEY_OPTIONS.join(', ')}${keyOptions.length ? `, got ${keyOptions.join(', ')}` : ''}`);
    }
    const algorithms = options.algorithms === undefined ? undefined : checkAlgorithms(options.algorithms, 'options.algorithms');
    return { key: keySpec(keyOptions[0], options, hmac), ...(algorithms && { algorithms }), claims: claimRules(options) };
}
function keySpec(name, options, hmac) {
    const what = `options.${name}`;
    const value = options[name];
    switch (name) {
        case 'secret':
            return inline(secretKey(Buffer.from(expectString(value, what), 'utf8'), hmac, what));
        case 'secretBase64':
            return inline(secretKey(base64Bytes(expectString(value, what), what), hmac, what));
        case 'publicKey':
            return inline(pemKey(expectString(value, what), what));
        case 'jwk':
            return inline(jwkKey(expectObject(value, what), hmac, what));
        case 'jwks':
            return inline(jwksKey(expectObject(value, what), what));
        case 'keyFile':
            return { kind: 'file', path: nonEmpty(value, what) };
        case 'jwksUri':
            return { kind: 'jwksUri', url: httpUrl(value, what) };
    }
}
function inline(material) {
    return { kind: 'inline', material };
}
function claimRules(options) {
    const rules = {};
    for (const name of CLAIM_OPTIONS) {
        const value = options[name];
        if (value !== undefined)
            rules[name] = claimRule(name, value);
    }
    return rules;
}
function claimRule(name, value) {
    const what = `options.${name}`;
    switch (name) {
        case 'issuer':
        case 'audience':
            return Array.isArray(value) ? strings(value, what) : expectString(value, what);
        case 'subject':
        case 'typ':
            return expectString(value, what);
        case 'requiredClaims':
            return strings(value, what);
        case 'clockTolerance':
        case 'maxTokenAge':
            if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
                throw new EvaluationError(`${what} must be a number of seconds (0 or more), got ${typeName(value)}`);
            }
            return value;
    }
}
function strings(value, what) {
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
        throw new EvaluationError(`${what} must be an array of strings`);
    }
    return value;
}
function nonEmpty(value, what) {
    const text = expectString(value, what);
    if (text === '')
        throw new EvaluationError(`${what} is empty`);
    return text;
}
function base64Bytes(text, what) {
    const standard = text.replace(/-/g, '+').replace(/_/g, '/');
    if (!BASE64.test(standard))
        throw new EvaluationError(`${what} is not base64`);
    return Buffer.from(standard, 'base64');
}
function httpUrl(value, what) {
    const text = nonEmpty(value, what);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new EvaluationError(`${what} is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new EvaluationError(`${what} must be an http(s) URL`);
    return text;
}
//# sourceMappingURL=jwt-options.js.map