import { chain, compileEach, failureFallsBack, FALLBACK, only, runEach } from './flow.js';
import { negate, OPERATORS, toBoolean } from './values.js';
export function binary(node, compile) {
    if (!only(node, ['lhs', 'rhs', 'predicate']))
        return undefined;
    const operator = node.value;
    const lhs = compile(node.lhs);
    const rhs = compile(node.rhs);
    if (!lhs || !rhs)
        return undefined;
    // JSONata re-tags a failure of the right side of `and` / `or` with the operator: JSONata reports it.
    if (operator === 'and' || operator === 'or')
        return logical(operator === 'and', lhs, failureFallsBack(rhs));
    const apply = Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
    return apply && eager(lhs, rhs, apply);
}
/** Both sides, left first, then the operator. */
function eager(lhs, rhs, apply) {
    const withRight = (right, left) => apply(left, right);
    const withLeft = (left, context, vars) => chain(rhs(context, vars), withRight, left, undefined);
    return (context, vars) => chain(lhs(context, vars), withLeft, context, vars);
}
/** `and` / `or` on effective booleans (no value is false); the right side only when it decides. */
function logical(isAnd, lhs, rhs) {
    const decide = (right) => {
        const truth = toBoolean(right);
        return truth === FALLBACK ? FALLBACK : truth === true;
    };
    const withLeft = (left, context, vars) => {
        const truth = toBoolean(left);
        if (truth === FALLBACK)
            return FALLBACK;
        return (truth === true) === isAnd ? chain(rhs(context, vars), decide, undefined, undefined) : !isAnd;
    };
    return (context, vars) => chain(lhs(context, vars), withLeft, context, vars);
}
export function negation(node, compile) {
    const operand = only(node, ['expression', 'predicate']) ? compile(node.expression) : undefined;
    if (!operand)
        return undefined;
    return (context, vars) => chain(operand(context, vars), negate, undefined, undefined);
}
const NOTHING = () => undefined;
export function condition(node, compile) {
    if (!only(node, ['condition', 'then', 'else', 'predicate']))
        return undefined;
    const test = compile(node.condition);
    const then = compile(node.then);
    const otherwise = node.else === undefined ? NOTHING : compile(node.else);
    if (!test || !then || !otherwise)
        return undefined;
    const pick = (value, context, vars) => {
        const truth = toBoolean(value);
        if (truth === FALLBACK)
            return FALLBACK;
        return truth ? then(context, vars) : otherwise(context, vars);
    };
    return (context, vars) => chain(test(context, vars), pick, context, vars);
}
/** A block of one expression is that expression (a block of several, or one that binds, is JSONata's). */
export function block(node, compile) {
    const expressions = node.expressions;
    return only(node, ['expressions', 'predicate']) && expressions.length === 1 ? compile(expressions[0]) : undefined;
}
/**
 * `[...]`: items without a value are left out; an item that is an array is
 * spliced in, unless it is itself written as an array constructor.
 */
export function arrayConstructor(node, compile) {
    const items = node.expressions;
    const programs = only(node, ['expressions', 'predicate']) ? compileEach(items, compile) : undefined;
    if (!programs)
        return undefined;
    const whole = items.map((item) => item.value === '[');
    const build = (values) => {
        const array = [];
        for (let i = 0; i < whole.length; i++) {
            const value = values[i];
            if (Array.isArray(value) && !whole[i])
                for (const item of value)
                    array.push(item);
            else if (value !== undefined)
                array.push(value);
        }
        return array;
    };
    return concurrently(programs.length, (context, vars) => chain(runEach(programs, context, vars), build, undefined, undefined));
}
// JSONata refuses these keys (D1009 for a duplicate, D1013 for its own
// markers); `__proto__` would not be an own key of a plain object.
const REFUSED_KEYS = new Set(['_jsonata_function', '_jsonata_lambda', '__proto__']);
/**
 * `{...}` with string keys: members without a value are left out. JSONata
 * groups an array context by key, so an array context is left to it.
 */
export function objectConstructor(node, compile) {
    const pairs = node.lhs;
    const keys = only(node, ['lhs', 'predicate']) ? objectKeys(pairs) : undefined;
    const programs = keys &&
        compileEach(pairs.map(([, value]) => value), compile);
    if (!keys || !programs)
        return undefined;
    const build = (values) => {
        const object = {};
        for (let i = 0; i < keys.length; i++) {
            const value = values[i];
            if (value !== undefined)
                object[keys[i]] = value;
        }
        return object;
    };
    return concurrently(programs.length, (context, vars) => Array.isArray(context) ? FALLBACK : chain(runEach(programs, context, vars), build, undefined, undefined));
}
/** The keys of an object constructor when all are distinct string literals JSONata accepts. */
export function objectKeys(pairs) {
    const keys = pairs.map(([key]) => (key.type === 'string' && only(key, []) ? key.value : undefined));
    if (keys.some((key) => key === undefined || REFUSED_KEYS.has(key)))
        return undefined;
    return new Set(keys).size === keys.length ? keys : undefined;
}
// JSONata evaluates the parts of a constructor concurrently: when two can
// fail, which failure it reports is its own business.
function concurrently(parts, program) {
    return parts > 1 ? failureFallsBack(program) : program;
}
//# sourceMappingURL=operators.js.map