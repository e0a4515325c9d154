// Shared by the tree tests: a jp compiler with a refusing key resolver, and
// compilers that wrap it to prove routing and asynchronous evaluation.
import { Bindings } from '../../../src/engine/bindings.js';
import { createJpCompiler } from '../../../src/engine/compilers/jp/compiler.js';
import type { CompilerLookup } from '../../../src/engine/tree/compile.js';
import type { Compiler, CompilerName, EvalScope, FunctionEnv } from '../../../src/engine/types.js';

export const env: FunctionEnv = {
  now: () => Date.parse('2024-05-06T07:08:09Z'),
  keys: { jwks: () => Promise.reject(new Error('no keys in tests')), file: () => Promise.reject(new Error('no keys in tests')) },
};

export const jp = createJpCompiler(env, []);

/** The same JMESPath, under another name, each result delivered as a promise. */
export function asyncCompiler(name: CompilerName, inner: Compiler = jp): Compiler {
  return {
    name,
    compile(source) {
      const expression = inner.compile(source);
      return { ...expression, compiler: name, evaluate: async (value: unknown, scope: EvalScope) => expression.evaluate(value, scope) };
    },
  };
}

export const lookup: CompilerLookup = (name) => (name === 'default' || name === 'jp' ? jp : undefined);
export const asyncLookup: CompilerLookup = (name) => (name === 'default' || name === 'jp' ? asyncCompiler('jp') : undefined);

export const scope = (bindings: Bindings = Bindings.empty, deadline?: number): EvalScope => (deadline === undefined ? { bindings } : { bindings, deadline });
