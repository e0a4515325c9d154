import { parse } from 'yaml';
import { Bindings } from '../../../../src/engine/bindings.js';
import { createJpCompiler } from '../../../../src/engine/compilers/jp/compiler.js';
import type { RuleResult } from '../../../../src/engine/policy/rules.js';
import { compileValidatingPolicy, type RuleErrors } from '../../../../src/engine/policy/validating.js';
import type { Compiler, Compilers, EvalScope } from '../../../../src/engine/types.js';
import { policyBindings } from '../../../../src/engine/policy/rules.js';

export const jp = createJpCompiler(
  { now: () => 0, keys: { jwks: () => Promise.reject(new Error('none')), file: () => Promise.reject(new Error('none')) } },
  [],
);

/** Stands in for the JSONata compiler: JMESPath under the name `jsonata`, asynchronous, counting compiles. */
export function fakeJsonata(): Compiler & { compiled: string[] } {
  const compiled: string[] = [];
  return {
    name: 'jsonata',
    compiled,
    compile(source) {
      compiled.push(source);
      const inner = jp.compile(source);
      return { ...inner, compiler: 'jsonata', evaluate: async (v: unknown, s: EvalScope) => inner.evaluate(v, s) };
    },
  };
}

export const compilers = (jsonata: Compiler = fakeJsonata()): Compilers => ({ jp, jsonata });

export function policy(spec: unknown, name = 'test'): Record<string, unknown> {
  return { apiVersion: 'json.kyverno.io/v1alpha1', kind: 'ValidatingPolicy', metadata: { name }, spec };
}

export function yamlPolicy(text: string, ruleErrors: RuleErrors = 'refuse', c: Compilers = compilers()) {
  return compileValidatingPolicy(parse(text), { source: 'policy.yaml', compilers: c, defaultCompiler: 'jp' }, ruleErrors);
}

/** Rules as `status:rule[:detail...]` strings, compact to assert on. */
export async function run(compiled: ReturnType<typeof yamlPolicy>, payload: unknown, bindings = Bindings.empty): Promise<RuleResult[]> {
  return compiled.rules.evaluate(payload, { bindings: policyBindings(bindings, payload, compiled.document) });
}
