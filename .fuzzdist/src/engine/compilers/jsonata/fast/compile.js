import { call } from './calls.js';
import { chain, FALLBACK, only, UNBOUND } from './flow.js';
import { arrayConstructor, binary, block, condition, negation, objectConstructor, objectKeys } from './operators.js';
import { bearsFunctionMarker } from './values.js';
import { JSONATA_BUILTINS } from '../functions.js';
export { FALLBACK, UNBOUND } from './flow.js';
/** `variables` are the expression's free variables, in the order of Vars. */
export function compileFast(ast, source, functions, variables) {
    const compilation = { source, functions, slots: new Map(variables.map((name, slot) => [name, slot])) };
    const compile = (node) => {
        const program = compileNode(node);
        return program && indexed(program, node.predicate);
    };
    const compileNode = (node) => {
        const constant = fold(node);
        if (constant)
            return () => constant.value;
        switch (node.type) {
            case 'variable':
                return variable(node, compilation);
            case 'path':
                return only(node, ['steps']) ? path(node.steps, compile) : undefined;
            case 'function':
                return call(node, compilation, compile);
            case 'binary':
                return binary(node, compile);
            case 'condition':
                return condition(node, compile);
            case 'block':
                return block(node, compile);
            case 'unary':
                return node.value === '[' ? arrayConstructor(node, compile) : node.value === '{' ? objectConstructor(node, compile) : negation(node, compile);
            default:
                return undefined;
        }
    };
    return compile(ast);
}
// --- literals -------------------------------------------------------------
/** Literals, and array / object constructors of literals, fold into one (frozen) constant. */
function fold(node) {
    if (node.type === 'string' || node.type === 'number' || node.type === 'value') {
        return only(node, ['predicate']) ? { value: node.value } : undefined;
    }
    if (node.type !== 'unary' || !only(node, ['expressions', 'lhs', 'predicate']))
        return undefined;
    if (node.value === '[')
        return foldArray(node.expressions);
    if (node.value === '{')
        return foldObject(node.lhs);
    return undefined;
}
/** Only literals and constructors fold: a nested constructor stays an array, as JSONata keeps it. */
function foldArray(items) {
    const values = [];
    for (const item of items) {
        const folded = item.predicate ? undefined : fold(item);
        if (!folded)
            return undefined;
        values.push(folded.value);
    }
    return { value: Object.freeze(values) };
}
function foldObject(pairs) {
    const keys = objectKeys(pairs);
    if (!keys)
        return undefined;
    const object = {};
    for (const [i, [, valueNode]] of pairs.entries()) {
        const folded = valueNode.predicate ? undefined : fold(valueNode);
        if (!folded)
            return undefined;
        object[keys[i]] = folded.value;
    }
    return { value: Object.freeze(object) };
}
// --- variables and paths --------------------------------------------------
function variable(node, compilation) {
    // A function used as a value is JSONata's business (and an error once it reaches a tree).
    const name = node.value;
    if (compilation.functions.has(name) || JSONATA_BUILTINS.has(name) || !only(node, ['predicate']))
        return undefined;
    // `$` is the context and `$$` the root: at the top of an expression, both the input.
    if (name === '' || name === '$')
        return (context) => context;
    const slot = compilation.slots.get(name);
    if (slot === undefined)
        return undefined;
    return (_context, vars) => {
        const value = vars[slot];
        return value === UNBOUND ? undefined : value;
    };
}
function path(steps, compile) {
    const [first, ...rest] = steps;
    const names = rest.map(nameStep);
    if (!first || !names.every((step) => step !== undefined))
        return undefined;
    const start = first.type === 'name' ? startStep(nameStep(first)) : compile(first);
    if (!start)
        return undefined;
    const walk = (value) => walkNames(value, names);
    // A first step that is not a variable runs once per item of an array context.
    if (first.type === 'variable')
        return (context, vars) => chain(start(context, vars), walk, undefined, undefined);
    return (context, vars) => (Array.isArray(context) ? FALLBACK : chain(start(context, vars), walk, undefined, undefined));
}
function nameStep(step) {
    const indexes = step.type === 'name' && only(step, ['stages']) ? indexesOf(step.stages) : undefined;
    return indexes && { name: step.value, indexes: indexes.length > 0 ? indexes : undefined };
}
function startStep(step) {
    if (!step)
        return undefined;
    const { name, indexes } = step;
    return indexes ? (context) => applyIndexes(lookup(context, name), indexes) : (context) => lookup(context, name);
}
function walkNames(value, names) {
    let current = value;
    for (let i = 0; i < names.length && current !== undefined; i++) {
        // JSONata maps a step over an array and flattens the results.
        if (Array.isArray(current))
            return FALLBACK;
        const { name, indexes } = names[i];
        current = lookup(current, name);
        if (indexes)
            current = applyIndexes(current, indexes);
    }
    return current;
}
/** JSONata's lookup of a name in one (non-array) value: own properties only, of anything not bearing a function marker. */
function lookup(value, name) {
    if (typeof value !== 'object' || value === null)
        return undefined;
    const found = value[name];
    return found !== undefined && Object.hasOwn(value, name) && !bearsFunctionMarker(value) ? found : undefined;
}
// --- [n] indexes ------------------------------------------------------------
const NO_INDEXES = Object.freeze([]);
/** The numbers of `[n]` filters, or undefined when a filter is anything else. */
function indexesOf(filters) {
    if (filters === undefined)
        return NO_INDEXES;
    const indexes = [];
    for (const filter of filters) {
        const expr = filter.expr;
        if (filter.type !== 'filter' || expr?.type !== 'number' || !only(filter, ['expr']) || !only(expr, []))
            return undefined;
        indexes.push(expr.value);
    }
    return indexes;
}
function indexed(program, filters) {
    const indexes = indexesOf(filters);
    if (!indexes)
        return undefined;
    if (indexes.length === 0)
        return program;
    const select = (value) => applyIndexes(value, indexes);
    return (context, vars) => chain(program(context, vars), select, undefined, undefined);
}
/** JSONata's `[n]`: a single value is a sequence of one; negative counts from the end; fractions round down. */
function applyIndexes(value, indexes) {
    let current = value;
    for (const index of indexes) {
        const i = Math.floor(index);
        if (Array.isArray(current))
            current = current[i < 0 ? current.length + i : i];
        else if (i !== 0 && i !== -1)
            current = undefined;
    }
    return current;
}
//# sourceMappingURL=compile.js.map