// Kyverno's string functions with Go's semantics (strings.*, filepath.Join,
// encoding/base64 StdEncoding). Plain functions: the jp compiler registers
// them under Kyverno's names, the JSONata side may reuse them.
import { posix } from 'node:path';
/** strings.Compare: byte-wise (UTF-8) order, -1, 0 or 1. */
export function compare(a, b) {
    return Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
}
/** strings.EqualFold: equal under simple (one rune to one rune) case folding. */
export function equalFold(a, b) {
    const x = [...a];
    const y = [...b];
    return x.length === y.length && x.every((r, i) => r === y[i] || fold(r) === fold(y[i]));
}
function fold(rune) {
    const lower = rune.toLowerCase();
    return [...lower].length === 1 ? lower : rune;
}
/** strings.ToUpper / ToLower with Go's per-rune mapping (a rune never becomes two, as `ß` would in JS). */
export function toUpper(s) {
    return mapRunes(s, (r) => r.toUpperCase());
}
export function toLower(s) {
    return mapRunes(s, (r) => r.toLowerCase());
}
function mapRunes(s, map) {
    let out = '';
    for (const rune of s) {
        const mapped = map(rune);
        out += [...mapped].length === 1 ? mapped : rune;
    }
    return out;
}
/** strings.Replace: the first `n` instances of `old` (all when n < 0); an empty `old` matches before each rune and at the end. */
export function replace(s, old, replacement, n) {
    if (n === 0)
        return s;
    const limit = n < 0 ? Infinity : Math.trunc(n);
    if (old === '') {
        const runes = [...s];
        let out = '';
        let done = 0;
        for (let i = 0; i <= runes.length; i++) {
            if (done < limit) {
                out += replacement;
                done++;
            }
            out += runes[i] ?? '';
        }
        return out;
    }
    const parts = s.split(old);
    if (parts.length - 1 <= limit)
        return parts.join(replacement);
    return parts.slice(0, limit + 1).join(replacement) + old + parts.slice(limit + 1).join(old);
}
export function replaceAll(s, old, replacement) {
    return replace(s, old, replacement, -1);
}
/** strings.Trim: drops leading and trailing runes found in `cutset`. */
export function trim(s, cutset) {
    const cut = new Set(cutset);
    const runes = [...s];
    let start = 0;
    let end = runes.length;
    while (start < end && cut.has(runes[start]))
        start++;
    while (end > start && cut.has(runes[end - 1]))
        end--;
    return runes.slice(start, end).join('');
}
export function trimPrefix(s, prefix) {
    return s.startsWith(prefix) ? s.slice(prefix.length) : s;
}
/** strings.Split: an empty separator splits into runes. */
export function split(s, sep) {
    return sep === '' ? [...s] : s.split(sep);
}
/** The first `length` runes (aquilax/truncate's cut strategy); a negative length is 0. */
export function truncate(s, length) {
    const runes = [...s];
    const n = Math.max(0, Math.trunc(length));
    return runes.length <= n ? s : runes.slice(0, n).join('');
}
/** filepath.Join of one element (Clean): no repeated or trailing slashes, `.` and `..` resolved. */
export function pathCanonicalize(p) {
    if (p === '')
        return '';
    const clean = posix.normalize(p);
    return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}
/** Kyverno's to_boolean: `true`/`false` in any case. */
export function toBoolean(s) {
    const lower = s.toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    throw new Error(`JMESPath function 'to_boolean': lowercase argument must be 'true' or 'false' (provided: '${s}')`);
}
const STD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** base64.StdEncoding.DecodeString: padding required, newlines ignored, anything else refused. */
export function base64Decode(s) {
    return base64DecodeBytes(s).toString('utf8');
}
export function base64DecodeBytes(s) {
    const text = s.replace(/[\r\n]/g, '');
    if (!STD_BASE64.test(text) || text.length % 4 !== 0) {
        const bad = [...text].findIndex((c, i) => !/[A-Za-z0-9+/]/.test(c) && !(c === '=' && i >= text.length - 2));
        throw new Error(`illegal base64 data at input byte ${bad >= 0 ? bad : text.length}`);
    }
    return Buffer.from(text, 'base64');
}
export function base64Encode(s) {
    return Buffer.from(s, 'utf8').toString('base64');
}
//# sourceMappingURL=strings.js.map