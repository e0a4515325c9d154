// Shared by the tree tests: a jp compiler with a refusing key resolver, and
// compilers that wrap it to prove routing and asynchronous evaluation.
import { Bindings } from '../../../src/engine/bindings.js';
import { createJpCompiler } from '../../../src/engine/compilers/jp/compiler.js';
export const env = {
    now: () => Date.parse('2024-05-06T07:08:09Z'),
    keys: { jwks: () => Promise.reject(new Error('no keys in tests')), file: () => Promise.reject(new Error('no keys in tests')) },
};
export const jp = createJpCompiler(env, []);
/** The same JMESPath, under another name, each result delivered as a promise. */
export function asyncCompiler(name, inner = jp) {
    return {
        name,
        compile(source) {
            const expression = inner.compile(source);
            return { ...expression, compiler: name, evaluate: async (value, scope) => expression.evaluate(value, scope) };
        },
    };
}
export const lookup = (name) => (name === 'default' || name === 'jp' ? jp : undefined);
export const asyncLookup = (name) => (name === 'default' || name === 'jp' ? asyncCompiler('jp') : undefined);
export const scope = (bindings = Bindings.empty, deadline) => (deadline === undefined ? { bindings } : { bindings, deadline });
//# sourceMappingURL=helpers.js.map