// kgate's `cel` compiler: CEL (cel-js) for AuthorizationPolicy and kyverno-json
// expressions, beside jsonata and jp. As kyverno-json's cel compiler: `object`
// is the current node and `bindings.resolve("name")` reads a binding (`$name`
// elsewhere). The environment is the Kyverno Authz one's libraries
// (optionals, strings, lists, sets, math, base64, jwt, jwks, json) with
// homogeneous literals, as kyverno-json's.
//
// Compile once: parsed and type-checked here. The binding names an expression
// can read are found at compile time (`bindings.resolve` with a string
// literal), resolved (awaited when lazy) before it runs, so evaluation itself
// stays synchronous unless a jwt/jwks function has to wait.
import { Environment } from '@marcbachmann/cel-js';
import { registerExtensions } from '../../cel/extensions.js';
import { registerJwt } from '../../cel/jwt.js';
import { plainValue, register } from '../../cel/registry.js';
import type { Compiler, EvalScope, Expression, FunctionEnv, MaybePromise } from '../../types.js';
import { EvaluationError, ExpressionSyntaxError, errorText } from '../../types.js';
import { deadlineExceeded } from '../../tree/flow.js';

/** The bindings one evaluation reads, already resolved. */
class ResolvedBindings {
  constructor(readonly values: ReadonlyMap<string, unknown>) {}
}

const RESOLVE = /\bbindings\s*\.\s*resolve\s*\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)/g;

export function createCelCompiler(fenv: FunctionEnv): Compiler {
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: true });
  registerExtensions(env);
  registerJwt(env, fenv);
  env.registerType('Bindings', ResolvedBindings);
  register(env, 'Bindings', 'resolve', ['string'], (b: ResolvedBindings, name: string) => {
    if (!b.values.has(name)) throw new EvaluationError(`variable not defined: $${name} (bindings.resolve needs a string literal)`);
    return b.values.get(name);
  });
  env.registerVariable('object', 'dyn');
  env.registerVariable('bindings', 'Bindings');

  return {
    name: 'cel',
    compile(source: string): Expression {
      let run: (context: Record<string, unknown>) => unknown;
      try {
        const parsed = env.parse(source);
        const checked = parsed.check();
        if (!checked.valid) throw checked.error;
        run = parsed as unknown as (context: Record<string, unknown>) => unknown;
      } catch (error) {
        throw new ExpressionSyntaxError(source, 'cel', errorText(error).split('\n')[0]!);
      }
      const variables = [...new Set([...source.matchAll(RESOLVE)].map((m) => JSON.parse(`"${m[1] ?? m[2]}"`) as string))];
      const execute = (value: unknown, values: ReadonlyMap<string, unknown>): MaybePromise<unknown> => {
        try {
          const out = run({ object: value ?? null, bindings: new ResolvedBindings(values) });
          return out instanceof Promise ? out.then(plain, fail) : plain(out);
        } catch (error) {
          return fail(error);
        }
      };
      return {
        source,
        compiler: 'cel',
        variables,
        evaluate(value: unknown, scope: EvalScope): MaybePromise<unknown> {
          if (scope.deadline !== undefined && performance.now() > scope.deadline) throw deadlineExceeded();
          const values = new Map<string, unknown>();
          const pending: Promise<void>[] = [];
          for (const name of variables) {
            if (!scope.bindings.has(name)) continue;
            const v = scope.bindings.get(name);
            if (v instanceof Promise) pending.push(v.then((x) => void values.set(name, x ?? null)));
            else values.set(name, v ?? null);
          }
          return pending.length === 0 ? execute(value, values) : Promise.all(pending).then(() => execute(value, values));
        },
      };
    },
  };
}

function plain(value: unknown): unknown {
  return value === undefined ? null : plainValue(value);
}

function fail(error: unknown): never {
  throw error instanceof EvaluationError ? error : new EvaluationError(errorText(error).split('\n')[0]!, { cause: error });
}
