// blang/semver v4, as Kyverno's semver_compare uses it: a strict
// MAJOR.MINOR.PATCH[-pre][+build] version (an unparsable one counts as 0.0.0)
// tested against a range such as `>=1.2.0 <2.0.0 || 3.x`.
const ZERO = { major: 0n, minor: 0n, patch: 0n, pre: [] };
function numeric(part, what, whole) {
    if (!/^[0-9]+$/.test(part))
        throw new Error(`Invalid character(s) found in ${what} number ${JSON.stringify(whole)}`);
    if (part.length > 1 && part.startsWith('0'))
        throw new Error(`${what[0]?.toUpperCase()}${what.slice(1)} number must not contain leading zeroes ${JSON.stringify(whole)}`);
    return BigInt(part);
}
export function parseVersion(text) {
    if (text === '')
        throw new Error('Version string empty');
    const parts = text.split('.');
    if (parts.length < 3)
        throw new Error('No Major.Minor.Patch elements found');
    const [major = '', minor = '', ...restParts] = parts;
    let rest = restParts.join('.');
    const plus = rest.indexOf('+');
    if (plus >= 0) {
        for (const meta of rest.slice(plus + 1).split('.')) {
            if (meta === '')
                throw new Error('Build meta data is empty');
            if (!/^[0-9A-Za-z-]+$/.test(meta))
                throw new Error(`Invalid character(s) found in build meta data ${JSON.stringify(meta)}`);
        }
        rest = rest.slice(0, plus);
    }
    let pre = [];
    const dash = rest.indexOf('-');
    if (dash >= 0) {
        pre = rest
            .slice(dash + 1)
            .split('.')
            .map(prerelease);
        rest = rest.slice(0, dash);
    }
    return { major: numeric(major, 'major', major), minor: numeric(minor, 'minor', minor), patch: numeric(rest, 'patch', rest), pre };
}
function prerelease(part) {
    if (part === '')
        throw new Error('Prerelease is empty');
    if (/^[0-9]+$/.test(part)) {
        if (part.length > 1 && part.startsWith('0'))
            throw new Error(`Numeric PreRelease version must not contain leading zeroes ${JSON.stringify(part)}`);
        return BigInt(part);
    }
    if (!/^[0-9A-Za-z-]+$/.test(part))
        throw new Error(`Invalid character(s) found in prerelease ${JSON.stringify(part)}`);
    return part;
}
export function compareVersions(a, b) {
    for (const key of ['major', 'minor', 'patch']) {
        if (a[key] !== b[key])
            return a[key] < b[key] ? -1 : 1;
    }
    if (a.pre.length === 0 || b.pre.length === 0)
        return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
    for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
        const x = a.pre[i];
        const y = b.pre[i];
        if (x === y)
            continue;
        if (typeof x !== typeof y)
            return typeof x === 'bigint' ? -1 : 1;
        return x < y ? -1 : 1;
    }
    return Math.sign(a.pre.length - b.pre.length);
}
const COMPARATORS = {
    '': (c) => c === 0,
    '=': (c) => c === 0,
    '==': (c) => c === 0,
    '!': (c) => c !== 0,
    '!=': (c) => c !== 0,
    '>': (c) => c > 0,
    '>=': (c) => c >= 0,
    '<': (c) => c < 0,
    '<=': (c) => c <= 0,
};
/** Splits on spaces, except a space right after `>`, `<` or `=` (`>= 1.0.0` is one part). */
function splitParts(range) {
    const parts = [];
    let last = 0;
    let lastChar = '';
    for (let i = 0; i < range.length; i++) {
        if (range[i] === ' ' && !['>', '<', '='].includes(lastChar)) {
            if (last < i - 1)
                parts.push(range.slice(last, i));
            last = i + 1;
        }
        else if (range[i] !== ' ') {
            lastChar = range[i];
        }
    }
    if (last < range.length - 1)
        parts.push(range.slice(last));
    return parts.map((p) => p.replaceAll(' ', ''));
}
function splitComparator(part) {
    const i = part.search(/[0-9]/);
    if (i < 0)
        throw new Error(`Could not get version from string: ${JSON.stringify(part)}`);
    return [part.slice(0, i).trim(), part.slice(i)];
}
function bump(version, index) {
    const parts = version.split('.');
    parts[index] = String(Number(parts[index]) + 1);
    return parts.join('.');
}
/** `1.x` / `1.2.x` wildcards become plain comparisons, as blang's expandWildcardVersion does. */
function expandWildcard(part) {
    if (!part.includes('x'))
        return [part];
    const [op, version] = splitComparator(part);
    const segments = version.split('.');
    const wildcard = segments[segments.length - 1] === 'x' ? segments.length : 0;
    let flat = version.replace('.x.x', '.x').replace('.x', '.0');
    if (flat.split('.').length === 2)
        flat += '.0';
    const upper = wildcard === 3 ? bump(flat, 1) : wildcard === 2 ? bump(flat, 0) : '';
    switch (op) {
        case '>':
            return [`>=${upper}`];
        case '>=':
            return [`>=${flat}`];
        case '<':
            return [`<${flat}`];
        case '<=':
            return [`<${upper}`];
        case '':
        case '=':
        case '==':
            return [`>=${flat}`, `<${upper}`];
        case '!=':
        case '!':
            return [`<${flat}`, `>=${upper}`];
        default:
            return [part];
    }
}
function comparison(part) {
    const [op, text] = splitComparator(part);
    const accept = COMPARATORS[op];
    if (!accept)
        throw new Error(`Could not parse comparator ${JSON.stringify(op)} in ${JSON.stringify(op + text)}`);
    let bound;
    try {
        bound = parseVersion(text);
    }
    catch (error) {
        throw new Error(`Could not parse Range ${JSON.stringify(part)}: Could not parse version ${JSON.stringify(text)} in ${JSON.stringify(op + text)}: ${error.message}`);
    }
    return (v) => accept(compareVersions(v, bound));
}
export function parseRange(range) {
    const parts = splitParts(range);
    const alternatives = [[]];
    parts.forEach((part, i) => {
        if (part !== '||') {
            alternatives[alternatives.length - 1].push(part);
            return;
        }
        if (i === 0)
            throw new Error("First element in range is '||'");
        alternatives.push([]);
    });
    if (parts.length === 0 || parts[parts.length - 1] === '||')
        throw new Error("Last element in range is '||'");
    const tests = alternatives.map((all) => all.flatMap(expandWildcard).map(comparison));
    return (v) => tests.some((all) => all.every((test) => test(v)));
}
/** Kyverno's semver_compare(version, range). */
export function semverCompare(version, range) {
    let v = ZERO;
    try {
        v = parseVersion(version);
    }
    catch {
        // Kyverno ignores the parse error: the zero version is compared.
    }
    return parseRange(range)(v);
}
//# sourceMappingURL=semver.js.map