// The CEL environment of Kyverno Authz ValidatingPolicy expressions: cel-js
// with optional types, the extensions cel-go policies rely on, and the
// envoy, jwt, jwks and json libraries. One environment per FunctionEnv; each
// expression is parsed and type-checked once, at policy load.
import { Environment } from '@marcbachmann/cel-js';
import type { FunctionEnv } from '../types.js';
import { registerEnvoy } from './envoy.js';
import { registerExtensions } from './extensions.js';
import { registerJwt } from './jwt.js';
import { registerRe2Matches } from './re2.js';

/** `object` is the CheckRequest; `variables` the policy's variables (lazy: see kyverno-authz.ts). */
export function createCelEnvironment(fenv: FunctionEnv): Environment {
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  registerExtensions(env);
  registerEnvoy(env);
  registerJwt(env, fenv);
  registerRe2Matches(env);
  env.registerVariable('object', 'dyn');
  env.registerVariable('variables', 'dyn');
  return env;
}
