import { isPromise, recover } from '../../../async.js';
export const FALLBACK = Symbol('run jsonata');
/** The value of a variable no binding names. */
export const UNBOUND = Symbol('unbound');
const NODE_KEYS = new Set(['type', 'value', 'position']);
/** True when the node has no keys but the basic ones and `extra`: anything else (focus, group, keepArray, consarray...) is JSONata's business. */
export function only(node, extra) {
    return Object.keys(node).every((key) => NODE_KEYS.has(key) || extra.includes(key));
}
/** Compiles every node, or none: undefined when one has no fast program. */
export function compileEach(nodes, compile) {
    const programs = [];
    for (const node of nodes) {
        const program = compile(node);
        if (!program)
            return undefined;
        programs.push(program);
    }
    return programs;
}
/** `next(value, a, b)` once `value` settles; FALLBACK passes through. */
export function chain(value, next, a, b) {
    if (isPromise(value))
        return value.then((settled) => (settled === FALLBACK ? FALLBACK : next(settled, a, b)));
    return value === FALLBACK ? FALLBACK : next(value, a, b);
}
/**
 * The programs' values in order, each program run once the previous value
 * settled (JSONata's order for function arguments); FALLBACK if any is.
 */
export function runEach(programs, context, vars) {
    const values = [];
    for (const program of programs) {
        const value = program(context, vars);
        if (isPromise(value))
            return runRest(programs, context, vars, values, value);
        if (value === FALLBACK)
            return FALLBACK;
        values.push(value);
    }
    return values;
}
async function runRest(programs, context, vars, values, pending) {
    for (let value = await pending;; value = await programs[values.length](context, vars)) {
        if (value === FALLBACK)
            return FALLBACK;
        values.push(value);
        if (values.length === programs.length)
            return values;
    }
}
const fallBack = () => FALLBACK;
/**
 * The program, answering FALLBACK where it fails: for constructs where
 * JSONata reports a failure of a part differently (re-tagged with an
 * operator, or whichever of concurrently evaluated parts fails first).
 */
export function failureFallsBack(program) {
    return (context, vars) => {
        try {
            const value = program(context, vars);
            return recover(value, fallBack);
        }
        catch {
            return FALLBACK;
        }
    };
}
//# sourceMappingURL=flow.js.map