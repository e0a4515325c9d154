import { BUILTINS } from './builtins.js';
import { chain, compileEach, FALLBACK, only, runEach, UNBOUND } from './flow.js';
import { bearsFunctionMarker } from './values.js';
import { acceptsAsIs } from '../functions.js';
import { toEvaluationError } from '../values.js';
import { recover } from '../../../async.js';
export function call(node, compilation, compile) {
    const procedure = node.procedure;
    if (!only(node, ['name', 'arguments', 'procedure', 'predicate']) || procedure.type !== 'variable' || !only(procedure, []))
        return undefined;
    const name = procedure.value;
    const slot = compilation.slots.get(name);
    const args = compileEach(node.arguments, compile);
    if (slot === undefined || !args)
        return undefined;
    const kgate = compilation.functions.get(name);
    if (kgate)
        return shadowable(slot, withArguments(args, kgateCall(kgate, compilation.source)));
    const builtin = BUILTINS.get(name);
    if (!builtin || args.length < builtin.minArgs || args.length > builtin.maxArgs)
        return undefined;
    const { run } = builtin;
    if (args.length > 1)
        return shadowable(slot, withArguments(args, (values) => (noneCallable(values) ? run(...values) : FALLBACK)));
    // One argument: no array of arguments.
    const [first] = args;
    const runOne = (value) => (isCallable(value) ? FALLBACK : run(value, undefined, undefined));
    return shadowable(slot, (context, vars) => chain(first(context, vars), runOne, undefined, undefined));
}
// JSONata wraps an argument it takes for a function (data bearing its
// function marker included) in a closure first: such calls are its business.
const isCallable = (value) => typeof value === 'object' && value !== null && bearsFunctionMarker(value);
const noneCallable = (values) => !values.some(isCallable);
/** A binding of the function's name shadows the function: JSONata then calls (or fails on) the binding. */
function shadowable(slot, program) {
    return (context, vars) => (vars[slot] === UNBOUND ? program(context, vars) : FALLBACK);
}
function withArguments(args, apply) {
    return (context, vars) => chain(runEach(args, context, vars), apply, undefined, undefined);
}
/** The function on arguments JSONata would pass unchanged; its failure named as JSONata names it. */
function kgateCall(fn, source) {
    const fail = (error) => {
        throw toEvaluationError(source, error, fn.name);
    };
    return (values) => {
        const args = values;
        if (!noneCallable(args) || !acceptsAsIs(fn, args))
            return FALLBACK;
        try {
            const result = fn.apply(args);
            return recover(result, fail);
        }
        catch (error) {
            return fail(error);
        }
    };
}
//# sourceMappingURL=calls.js.map