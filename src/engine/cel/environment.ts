// The CEL environment of Kyverno Authz ValidatingPolicy expressions: cel-js
// with optional types, the extensions cel-go policies rely on, and the
// envoy, http, jwt, jwks and json libraries. One environment per FunctionEnv; each
// expression is parsed and type-checked once, at policy load.
import { Environment } from '@marcbachmann/cel-js';
import type { FunctionEnv } from '../types.js';
import { registerEnvoy } from './envoy.js';
import { registerExtensions } from './extensions.js';
import { registerHttp } from './http.js';
import { registerJwt } from './jwt.js';

/** `object` is the CheckRequest; `variables` the policy's variables (lazy: see kyverno-authz.ts). */
export function createCelEnvironment(fenv: FunctionEnv, options: { readonly homogeneousAggregateLiterals?: boolean } = {}): Environment {
  // Homogeneous list and map literals, as Kyverno Authz's cel-go environment: `{"n": 1, "s": "x"}`
  // is a type error there (the policy is dropped), so it is refused here at load.
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: options.homogeneousAggregateLiterals ?? true });
  registerExtensions(env);
  registerEnvoy(env);
  registerHttp(env);
  registerJwt(env, fenv);
  env.registerVariable('object', 'dyn');
  env.registerVariable('variables', 'dyn');
  return env;
}
