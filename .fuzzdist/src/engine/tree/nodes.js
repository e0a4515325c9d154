import { internalError, invalid, required, TreeError, typeInvalid } from './errors.js';
import { isPromise } from '../async.js';
import { checkDeadline, concat, evaluateAt, NONE, withBinding } from './flow.js';
import { expectedValue } from '../go/fmt.js';
import { match } from './match.js';
import { child, subscript } from './path.js';
import { isObject } from '../json.js';
/** Same length, then element by element. */
export class SliceNode {
    items;
    constructor(items) {
        this.items = items;
    }
    assert(value, path, scope) {
        if (value === null || value === undefined)
            return [invalid(path, null, 'value is null')];
        if (!Array.isArray(value))
            throw typeInvalidError(path, value, 'expected a slice');
        if (value.length !== this.items.length)
            return [invalid(path, value, "lengths of slices don't match")];
        return this.from(0, value, path, scope, NONE);
    }
    from(i, value, path, scope, acc) {
        for (; i < this.items.length; i++) {
            checkDeadline(scope);
            const errs = this.items[i].assert(value[i], subscript(path, i), scope);
            if (isPromise(errs))
                return errs.then((e) => this.from(i + 1, value, path, scope, concat(acc, e)));
            acc = concat(acc, errs);
        }
        return acc;
    }
}
const NOT_FOUND = Symbol('not found');
/** A subset check: every entry projects the value and checks the projection; extra payload keys are fine. */
export class MapNode {
    entries;
    constructor(entries) {
        this.entries = entries;
    }
    assert(value, path, scope) {
        if (this.entries.length === 0)
            return value === null || value === undefined ? [invalid(path, null, 'invalid value, must not be null')] : NONE;
        return this.from(0, value, path, scope, NONE);
    }
    // A `->name` binding is visible to the entries after it too: kyverno-json
    // re-assigns the map loop's bindings.
    from(i, value, path, scope, acc) {
        for (; i < this.entries.length; i++) {
            checkDeadline(scope);
            const entry = this.entries[i];
            const at = child(path, entry.key);
            const projected = project(entry.projection, value, scope, at);
            if (isPromise(projected))
                return projected.then((p) => this.rest(i, p, value, path, scope, acc));
            if (projected !== NOT_FOUND && entry.binding)
                scope = withBinding(scope, entry.binding, projected);
            const errs = check(entry, projected, at, scope);
            if (isPromise(errs)) {
                const next = scope;
                return errs.then((e) => this.from(i + 1, value, path, next, concat(acc, e)));
            }
            acc = concat(acc, errs);
        }
        return acc;
    }
    rest(i, projected, value, path, scope, acc) {
        const entry = this.entries[i];
        const next = projected !== NOT_FOUND && entry.binding ? withBinding(scope, entry.binding, projected) : scope;
        const errs = check(entry, projected, child(path, entry.key), next);
        return isPromise(errs) ? errs.then((e) => this.from(i + 1, value, path, next, concat(acc, e))) : this.from(i + 1, value, path, next, concat(acc, errs));
    }
}
function project(projection, value, scope, at) {
    if (projection.kind === 'expression')
        return evaluateAt(projection.expression, value, scope, at);
    if (value === null || value === undefined)
        return NOT_FOUND;
    if (!isObject(value))
        throw internalError(at, 'projection not recognized');
    return Object.hasOwn(value, projection.key) ? (value[projection.key] ?? null) : NOT_FOUND;
}
function check(entry, projected, at, scope) {
    if (projected === NOT_FOUND)
        return [required(at, 'field not found in the input object')];
    if (!entry.foreach)
        return entry.node.assert(projected, at, scope);
    if (Array.isArray(projected))
        return eachItem(entry, projected, 0, at, scope, NONE);
    if (isObject(projected))
        return eachEntry(entry, Object.keys(projected), projected, 0, at, scope, NONE);
    throw typeInvalidError(at, projected, 'expected a slice or a map');
}
function eachItem(entry, items, i, at, scope, acc) {
    for (; i < items.length; i++) {
        checkDeadline(scope);
        const inner = entry.foreachName ? withBinding(scope, entry.foreachName, i) : scope;
        const errs = entry.node.assert(items[i], subscript(at, i), inner);
        if (isPromise(errs))
            return errs.then((e) => eachItem(entry, items, i + 1, at, scope, concat(acc, e)));
        acc = concat(acc, errs);
    }
    return acc;
}
function eachEntry(entry, keys, map, i, at, scope, acc) {
    for (; i < keys.length; i++) {
        checkDeadline(scope);
        const key = keys[i];
        const inner = entry.foreachName ? withBinding(scope, entry.foreachName, key) : scope;
        const errs = entry.node.assert(map[key], subscript(at, key), inner);
        if (isPromise(errs))
            return errs.then((e) => eachEntry(entry, keys, map, i + 1, at, scope, concat(acc, e)));
        acc = concat(acc, errs);
    }
    return acc;
}
function typeInvalidError(at, value, reason) {
    return new TreeError(typeInvalid(at, value, reason));
}
/** A leaf whose expected value is a literal. */
export class LiteralLeaf {
    expected;
    constructor(expected) {
        this.expected = expected;
    }
    assert(value, path) {
        // The common case (string against string) needs no Match call.
        if (this.expected === value)
            return NONE;
        return compare(this.expected, value, path);
    }
}
/** A leaf whose expected value is an expression evaluated against the actual value. */
export class ExpressionLeaf {
    expression;
    constructor(expression) {
        this.expression = expression;
    }
    assert(value, path, scope) {
        const expected = evaluateAt(this.expression, value, scope, path);
        return isPromise(expected) ? expected.then((e) => compare(e, value, path)) : compare(expected, value, path);
    }
}
function compare(expected, actual, path) {
    let matched;
    try {
        matched = match(expected, actual ?? null);
    }
    catch (error) {
        throw internalError(path, error);
    }
    return matched ? NONE : [invalid(path, actual, () => `Expected value: ${expectedValue(expected)}`)];
}
//# sourceMappingURL=nodes.js.map