import { Bindings } from '../../../../src/engine/bindings.js';
import { createJsonataCompiler } from '../../../../src/engine/compilers/jsonata/compiler.js';
import { createKgateFunctions, kyvernoJsonataFunctions } from '../../../../src/engine/functions/index.js';
import { testEnv } from '../../functions/env.js';
export { outcome, testEnv } from '../../functions/env.js';
export function compilerFor(options = {}, env = testEnv(), extra = []) {
    return createJsonataCompiler(env, [...createKgateFunctions(), ...kyvernoJsonataFunctions, ...extra], options);
}
export function scopeWith(values = {}, deadline) {
    let bindings = Bindings.empty;
    for (const [name, value] of Object.entries(values))
        bindings = bindings.with(name, value);
    return deadline === undefined ? { bindings } : { bindings, deadline };
}
/** Evaluates `source` against `value` with the given bindings, awaiting the result. */
export async function evaluate(compiler, source, value, bindings = {}) {
    return compiler.compile(source).evaluate(value, scopeWith(bindings));
}
export function isPromise(value) {
    return value instanceof Promise;
}
//# sourceMappingURL=helpers.js.map