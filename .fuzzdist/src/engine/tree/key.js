// kyverno-json's expression.Parse: what a tree key (or a string leaf) says.
// Runs at compile time only. The anchored regular expressions are
// kyverno-json's, with Go's ASCII `\s` spelled out; its unanchored binding
// pattern `(.*)\s*->\s*(\w+)$` is a scan here, because V8's backtracking
// makes that one quadratic in the key's length (RE2 runs it in linear time).
const FOREACH = /^~(\w+)?\.(.*)/;
const ESCAPE = /^\\(.+)\\$/;
const COMPILER = /^\((?:(\w+);)?(.+)\)$/;
/** Tried in order: foreach `~name.`, binding `->name`, then escape `\...\` or compiler `(name;expr)`. */
export function parseKey(input) {
    let rest = input;
    let foreach = false;
    let foreachName = '';
    let binding = '';
    let compiler = '';
    const each = FOREACH.exec(rest);
    if (each) {
        foreach = true;
        foreachName = each[1] ?? '';
        rest = each[2] ?? '';
    }
    const bound = splitBinding(rest);
    if (bound)
        [rest, binding] = bound;
    const escaped = ESCAPE.exec(rest);
    if (escaped) {
        rest = escaped[1] ?? '';
    }
    else {
        const compiled = COMPILER.exec(rest);
        if (compiled) {
            compiler = compiled[1] || 'default';
            rest = compiled[2] ?? '';
        }
    }
    return { foreach, foreachName, statement: rest, binding, compiler };
}
const isWord = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c) => c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
/** What `.` does not match in a JS RegExp without the `s` flag. */
const isLineEnd = (c) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
/**
 * The leftmost match of `(.*)\s*->\s*(\w+)$`, in one backward pass:
 * `(\w+)$` is the trailing word run, `->` must precede it across blanks, and
 * `(.*)` starts after the last line end before the blanks that precede `->`
 * and stops at the first line end among them (greedy `.`).
 */
export function splitBinding(text) {
    let word = text.length;
    while (word > 0 && isWord(text.charCodeAt(word - 1)))
        word--;
    if (word === text.length)
        return undefined;
    let arrow = word;
    while (arrow > 0 && isSpace(text.charCodeAt(arrow - 1)))
        arrow--;
    if (arrow < 2 || text.charCodeAt(arrow - 1) !== 62 || text.charCodeAt(arrow - 2) !== 45)
        return undefined;
    arrow -= 2;
    let blanks = arrow;
    while (blanks > 0 && isSpace(text.charCodeAt(blanks - 1)))
        blanks--;
    let start = blanks;
    while (start > 0 && !isLineEnd(text.charCodeAt(start - 1)))
        start--;
    let end = blanks;
    while (end < arrow && !isLineEnd(text.charCodeAt(end)))
        end++;
    return [text.slice(start, end), text.slice(word)];
}
//# sourceMappingURL=key.js.map