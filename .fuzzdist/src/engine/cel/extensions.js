import { EvaluationError } from '../types.js';
import { namespace, register } from './registry.js';
/** A comparable key for CEL equality of scalars (1 == 1.0 == 1u, as cel-go's heterogeneous equality). */
function key(value) {
    if (typeof value === 'bigint' || typeof value === 'number')
        return `n:${Number(value)}`;
    if (value !== null && typeof value === 'object' && value.constructor?.name === 'UnsignedInt')
        return `n:${Number(value.valueOf())}`;
    return `${typeof value}:${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))}`;
}
const list = (value) => (value instanceof Set ? [...value] : value);
function numeric(values, pick, name) {
    if (values.length === 0)
        throw new EvaluationError(`math.${name}: no arguments`);
    return values.reduce((best, v) => (pick(Number(v), Number(best)) ? v : best));
}
export function registerExtensions(env) {
    const b64 = namespace(env, 'base64');
    register(env, b64, 'encode', ['bytes'], (b) => Buffer.from(b).toString('base64'), 'string');
    register(env, b64, 'decode', ['string'], (s) => new Uint8Array(Buffer.from(s, /[-_]/.test(s) ? 'base64url' : 'base64')), 'bytes');
    const math = namespace(env, 'math');
    for (const [name, pick] of [
        ['greatest', (a, b) => a > b],
        ['least', (a, b) => a < b],
    ]) {
        register(env, math, name, ['dyn'], (v) => numeric(Array.isArray(v) ? v : [v], pick, name));
        register(env, math, name, ['dyn', 'dyn'], (a, b) => numeric([a, b], pick, name));
        register(env, math, name, ['dyn', 'dyn', 'dyn'], (a, b, c) => numeric([a, b, c], pick, name));
    }
    register(env, math, 'abs', ['int'], (v) => (v < 0n ? -v : v), 'int');
    register(env, math, 'abs', ['double'], (v) => Math.abs(v), 'double');
    register(env, math, 'ceil', ['double'], (v) => Math.ceil(v), 'double');
    register(env, math, 'floor', ['double'], (v) => Math.floor(v), 'double');
    register(env, math, 'round', ['double'], (v) => Math.round(v), 'double');
    const sets = namespace(env, 'sets');
    const keys = (v) => new Set(list(v).map(key));
    register(env, sets, 'contains', ['list', 'list'], (a, b) => {
        const have = keys(a);
        return list(b).every((x) => have.has(key(x)));
    }, 'bool');
    register(env, sets, 'equivalent', ['list', 'list'], (a, b) => {
        const [x, y] = [keys(a), keys(b)];
        return x.size === y.size && [...x].every((k) => y.has(k));
    }, 'bool');
    register(env, sets, 'intersects', ['list', 'list'], (a, b) => {
        const have = keys(a);
        return list(b).some((x) => have.has(key(x)));
    }, 'bool');
    register(env, 'string', 'replace', ['string', 'string'], (s, from, to) => s.split(from).join(to), 'string');
    register(env, 'string', 'replace', ['string', 'string', 'int'], (s, from, to, n) => replaceN(s, from, to, Number(n)), 'string');
    register(env, 'string', 'reverse', [], (s) => [...s].reverse().join(''), 'string');
    register(env, 'string', 'charAt', ['int'], (s, i) => charAt(s, Number(i)), 'string');
    const strings = namespace(env, 'strings');
    register(env, strings, 'quote', ['string'], (s) => JSON.stringify(s), 'string');
    register(env, 'list', 'slice', ['int', 'int'], (l, from, to) => slice(list(l), Number(from), Number(to)));
    register(env, 'list', 'flatten', [], (l) => list(l).flatMap((x) => (Array.isArray(x) ? x : [x])));
    register(env, 'list', 'distinct', [], (l) => {
        const seen = new Set();
        return list(l).filter((x) => !seen.has(key(x)) && seen.add(key(x)));
    });
    register(env, 'list', 'sort', [], (l) => [...list(l)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}
function replaceN(s, from, to, n) {
    if (n < 0)
        return s.split(from).join(to);
    let out = s;
    let at = 0;
    for (let i = 0; i < n; i++) {
        const found = out.indexOf(from, at);
        if (found === -1)
            break;
        out = out.slice(0, found) + to + out.slice(found + from.length);
        at = found + to.length;
    }
    return out;
}
function charAt(s, i) {
    const chars = [...s];
    if (i < 0 || i > chars.length)
        throw new EvaluationError(`charAt: index ${i} out of range`);
    return chars[i] ?? '';
}
function slice(l, from, to) {
    if (from < 0 || to < from || to > l.length)
        throw new EvaluationError(`slice: invalid range [${from}, ${to}) of a list of ${l.length}`);
    return l.slice(from, to);
}
//# sourceMappingURL=extensions.js.map