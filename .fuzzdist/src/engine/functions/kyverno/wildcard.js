// IGLOU-EU/go-wildcard v1.0.3 (kyverno's wildcard.Match): `*` matches any run
// of runes (none included), `?` exactly one, everything else itself. Written
// iteratively (greedy with one backtrack point) instead of the original's
// exponential recursion; the language matched is the same.
export function wildcardMatch(pattern, name) {
    if (pattern === '')
        return name === '';
    if (pattern === '*')
        return true;
    const p = [...pattern];
    const s = [...name];
    let i = 0;
    let j = 0;
    let star = -1;
    let resume = 0;
    while (j < s.length) {
        if (i < p.length && p[i] === '*') {
            star = i++;
            resume = j;
        }
        else if (i < p.length && (p[i] === '?' || p[i] === s[j])) {
            i++;
            j++;
        }
        else if (star >= 0) {
            i = star + 1;
            j = ++resume;
        }
        else {
            return false;
        }
    }
    while (i < p.length && p[i] === '*')
        i++;
    return i === p.length;
}
//# sourceMappingURL=wildcard.js.map