import { Bindings } from '../../../../src/engine/bindings.js';
import { createJsonataCompiler, type JsonataCompilerOptions } from '../../../../src/engine/compilers/jsonata/compiler.js';
import { createKgateFunctions, kyvernoJsonataFunctions } from '../../../../src/engine/functions/index.js';
import type { Compiler, EvalScope, FunctionDef, MaybePromise } from '../../../../src/engine/types.js';
import { testEnv, type TestEnv } from '../../functions/env.js';

export { outcome, testEnv } from '../../functions/env.js';

export function compilerFor(options: JsonataCompilerOptions = {}, env: TestEnv = testEnv(), extra: readonly FunctionDef[] = []): Compiler {
  return createJsonataCompiler(env, [...createKgateFunctions(), ...kyvernoJsonataFunctions, ...extra], options);
}

export function scopeWith(values: Record<string, unknown> = {}, deadline?: number): EvalScope {
  let bindings = Bindings.empty;
  for (const [name, value] of Object.entries(values)) bindings = bindings.with(name, value);
  return deadline === undefined ? { bindings } : { bindings, deadline };
}

/** Evaluates `source` against `value` with the given bindings, awaiting the result. */
export async function evaluate(compiler: Compiler, source: string, value: unknown, bindings: Record<string, unknown> = {}): Promise<unknown> {
  return compiler.compile(source).evaluate(value, scopeWith(bindings));
}

export function isPromise(value: MaybePromise<unknown>): boolean {
  return value instanceof Promise;
}
