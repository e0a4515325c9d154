import { base64UrlDecode, base64UrlEncode } from './base64url.js';
import { createCidrContains } from './cidr.js';
import { createJwtDecode } from './jwt-decode.js';
import { createJwtVerify } from './jwt-verify.js';
export { kyvernoJsonataFunctions } from './kyverno-jsonata.js';
/** A fresh set, with its own verified-token caches (one per process in production, one per test where needed). */
export function createKgateFunctions(cache) {
    return [createJwtDecode(cache), createJwtVerify(cache), createCidrContains(), base64UrlEncode, base64UrlDecode];
}
export const kgateFunctions = createKgateFunctions();
//# sourceMappingURL=index.js.map