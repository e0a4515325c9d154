// JSONata's regex literals on RE2 (re2js) instead of V8's backtracking
// engine: jsonata 2.x builds every regex it runs through its `RegexEngine`
// option, with the RegExp its parser made. Only RE2 syntax compiles: a
// backreference or lookaround is refused when the expression compiles.
import { RE2JS } from 're2js';
export class Re2RegexEngine {
    lastIndex = 0;
    re;
    constructor(source) {
        const flags = (source.flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (source.flags.includes('m') ? RE2JS.MULTILINE : 0);
        this.re = RE2JS.compile(source.source, flags);
    }
    /** RegExp.exec as JSONata uses it: from lastIndex, which it advances. */
    exec(text) {
        const m = this.re.matcher(text);
        if (this.lastIndex > text.length || !m.find(this.lastIndex))
            return null;
        const groups = [];
        for (let i = 0; i <= m.groupCount(); i++)
            groups.push(m.group(i) ?? undefined);
        const match = Object.assign(groups, { index: m.start(), input: text });
        this.lastIndex = m.end();
        return match;
    }
}
/** Every regex literal of the expression, compiled by RE2: the first one it refuses throws. */
export function assertRe2Regexes(node) {
    const stack = [node];
    for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
        if (Array.isArray(at))
            stack.push(...at);
        else if (typeof at === 'object' && at !== null && !(at instanceof RegExp)) {
            const n = at;
            if (n.type === 'regex' && n.value instanceof RegExp)
                new Re2RegexEngine(n.value);
            stack.push(...Object.values(at));
        }
    }
}
//# sourceMappingURL=regex.js.map