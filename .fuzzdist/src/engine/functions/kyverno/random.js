// Kyverno's random(pattern): a random string matching a regular expression,
// as goregen generates it (unbounded repeats capped at 10, `.` and negated
// classes drawn from printable ASCII). Supported: literals and escapes,
// classes, `.`, groups, alternation and the quantifiers `* + ? {n} {n,} {n,m}`.
import { randomInt } from 'node:crypto';
const MAX_UNBOUNDED = 10;
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const CLASS_ESCAPES = {
    d: chars('0-9'),
    w: chars('0-9A-Za-z_'),
    s: [' ', '\t', '\n', '\f', '\r', '\v'],
};
function chars(ranges) {
    const out = [];
    for (let i = 0; i < ranges.length; i++) {
        const from = ranges.charCodeAt(i);
        if (ranges[i + 1] === '-' && i + 2 < ranges.length) {
            for (let c = from; c <= ranges.charCodeAt(i + 2); c++)
                out.push(String.fromCharCode(c));
            i += 2;
        }
        else {
            out.push(ranges[i]);
        }
    }
    return out;
}
const pick = (list) => list[randomInt(list.length)];
class PatternReader {
    pattern;
    i = 0;
    constructor(pattern) {
        this.pattern = pattern;
    }
    parse() {
        const gen = this.alternation();
        if (this.i < this.pattern.length)
            throw this.error(`unexpected ${JSON.stringify(this.pattern[this.i])}`);
        return gen;
    }
    error(reason) {
        return new Error(`error parsing regexp: ${reason}: \`${this.pattern}\``);
    }
    alternation() {
        const branches = [this.sequence()];
        while (this.pattern[this.i] === '|') {
            this.i++;
            branches.push(this.sequence());
        }
        return branches.length === 1 ? branches[0] : () => pick(branches)();
    }
    sequence() {
        const parts = [];
        while (this.i < this.pattern.length && this.pattern[this.i] !== '|' && this.pattern[this.i] !== ')') {
            parts.push(this.quantified(this.atom()));
        }
        return () => parts.map((p) => p()).join('');
    }
    atom() {
        const c = this.pattern[this.i++];
        switch (c) {
            case '(': {
                if (this.pattern.startsWith('?:', this.i))
                    this.i += 2;
                else if (this.pattern.startsWith('?P<', this.i) || this.pattern.startsWith('?<', this.i))
                    this.i = this.pattern.indexOf('>', this.i) + 1;
                const inner = this.alternation();
                if (this.pattern[this.i++] !== ')')
                    throw this.error('missing closing )');
                return inner;
            }
            case '[':
                return this.charClass();
            case '.':
                return () => pick(PRINTABLE);
            case '^':
            case '$':
                return () => '';
            case '\\':
                return this.escape();
            case '*':
            case '+':
            case '?':
            case '{':
                throw this.error(`missing argument to repetition operator: \`${c}\``);
            default:
                return () => c;
        }
    }
    escape() {
        const c = this.pattern[this.i++];
        if (c === undefined)
            throw this.error('trailing backslash at end of expression');
        const set = CLASS_ESCAPES[c.toLowerCase()];
        if (!set)
            return () => c;
        const pool = c === c.toLowerCase() ? set : PRINTABLE.filter((x) => !set.includes(x));
        return () => pick(pool);
    }
    charClass() {
        const negated = this.pattern[this.i] === '^';
        if (negated)
            this.i++;
        const members = new Set();
        let first = true;
        while (this.i < this.pattern.length && (this.pattern[this.i] !== ']' || first)) {
            first = false;
            let c = this.pattern[this.i++];
            if (c === '\\') {
                const e = this.pattern[this.i++];
                const set = CLASS_ESCAPES[e];
                if (set) {
                    set.forEach((x) => members.add(x));
                    continue;
                }
                c = e;
            }
            if (this.pattern[this.i] === '-' && this.pattern[this.i + 1] !== ']' && this.i + 1 < this.pattern.length) {
                const to = this.pattern[this.i + 1];
                this.i += 2;
                for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++)
                    members.add(String.fromCharCode(code));
            }
            else {
                members.add(c);
            }
        }
        if (this.pattern[this.i++] !== ']')
            throw this.error('missing closing ]');
        const pool = negated ? PRINTABLE.filter((x) => !members.has(x)) : [...members];
        if (pool.length === 0)
            throw this.error('empty character class');
        return () => pick(pool);
    }
    quantified(gen) {
        const c = this.pattern[this.i];
        let min;
        let max;
        if (c === '*' || c === '+' || c === '?') {
            this.i++;
            [min, max] = c === '*' ? [0, MAX_UNBOUNDED] : c === '+' ? [1, MAX_UNBOUNDED] : [0, 1];
        }
        else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.pattern.slice(this.i))) {
            const m = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.i));
            this.i += m[0].length;
            min = Number(m[1]);
            max = m[2] === undefined ? min : m[3] ? Number(m[3]) : min + MAX_UNBOUNDED;
            if (max < min)
                throw this.error(`invalid repeat count: \`${m[0]}\``);
        }
        else {
            return gen;
        }
        if (this.pattern[this.i] === '?')
            this.i++;
        return () => {
            let out = '';
            for (let n = min + randomInt(max - min + 1); n > 0; n--)
                out += gen();
            return out;
        };
    }
}
export function randomString(pattern) {
    if (pattern === '')
        throw new Error('no pattern provided');
    return new PatternReader(pattern).parse()();
}
//# sourceMappingURL=random.js.map