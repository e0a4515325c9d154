import { parse } from 'yaml';
import { Bindings } from '../../../../src/engine/bindings.js';
import { createJpCompiler } from '../../../../src/engine/compilers/jp/compiler.js';
import { compileValidatingPolicy } from '../../../../src/engine/policy/validating.js';
import { policyBindings } from '../../../../src/engine/policy/rules.js';
export const jp = createJpCompiler({ now: () => 0, keys: { jwks: () => Promise.reject(new Error('none')), file: () => Promise.reject(new Error('none')) } }, []);
/** Stands in for the JSONata compiler: JMESPath under the name `jsonata`, asynchronous, counting compiles. */
export function fakeJsonata() {
    const compiled = [];
    return {
        name: 'jsonata',
        compiled,
        compile(source) {
            compiled.push(source);
            const inner = jp.compile(source);
            return { ...inner, compiler: 'jsonata', evaluate: async (v, s) => inner.evaluate(v, s) };
        },
    };
}
export const compilers = (jsonata = fakeJsonata()) => ({ jp, jsonata });
export function policy(spec, name = 'test') {
    return { apiVersion: 'json.kyverno.io/v1alpha1', kind: 'ValidatingPolicy', metadata: { name }, spec };
}
export function yamlPolicy(text, ruleErrors = 'refuse', c = compilers()) {
    return compileValidatingPolicy(parse(text), { source: 'policy.yaml', compilers: c, defaultCompiler: 'jp' }, ruleErrors);
}
/** Rules as `status:rule[:detail...]` strings, compact to assert on. */
export async function run(compiled, payload, bindings = Bindings.empty) {
    return compiled.rules.evaluate(payload, { bindings: policyBindings(bindings, payload, compiled.document) });
}
//# sourceMappingURL=helpers.js.map