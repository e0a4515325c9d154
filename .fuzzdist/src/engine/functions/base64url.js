// URL-safe base64 (RFC 4648 §5, the JWT alphabet), which neither Kyverno's
// base64_* nor JSONata's $base64* handle. Encoding omits padding; decoding
// accepts it.
import { base64url } from 'jose';
import { EvaluationError } from '../types.js';
import { expectString } from './values.js';
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;
export const base64UrlEncode = {
    jp: 'base64url_encode',
    jsonata: 'base64UrlEncode',
    args: [{ name: 'value', types: ['string'] }],
    impl: ([value]) => base64url.encode(expectString(value, 'value')),
};
export const base64UrlDecode = {
    jp: 'base64url_decode',
    jsonata: 'base64UrlDecode',
    args: [{ name: 'value', types: ['string'] }],
    impl: ([value]) => {
        const text = expectString(value, 'value');
        let bytes;
        try {
            bytes = URL_SAFE.test(text) ? base64url.decode(text) : undefined;
        }
        catch {
            bytes = undefined;
        }
        if (!bytes)
            throw new EvaluationError('value is not URL-safe base64');
        return Buffer.from(bytes).toString('utf8');
    },
};
//# sourceMappingURL=base64url.js.map