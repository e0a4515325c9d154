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
import { registerRe2Matches } from './re2.js';

const peer = {
  address: {
    socket_address: { protocol: 'int', address: 'string', port_value: 'uint', named_port: 'string', resolver_name: 'string', ipv4_compat: 'bool' },
    pipe: { path: 'string', mode: 'uint' },
  },
  service: 'string',
  labels: 'map<string, string>',
  principal: 'string',
  certificate: 'string',
};

/** The Envoy CheckRequest's fields and types as cel-go sees them through its proto types (request.ts builds the values). */
const CHECK_REQUEST_SCHEMA = {
  attributes: {
    source: peer,
    destination: peer,
    request: {
      time: 'google.protobuf.Timestamp',
      http: {
        id: 'string',
        method: 'string',
        headers: 'map<string, string>',
        header_map: { headers: 'list<dyn>' },
        path: 'string',
        host: 'string',
        scheme: 'string',
        query: 'string',
        fragment: 'string',
        size: 'int',
        protocol: 'string',
        body: 'string',
        raw_body: 'bytes',
      },
    },
    context_extensions: 'map<string, string>',
    metadata_context: { filter_metadata: 'map<string, dyn>' },
    route_metadata_context: { filter_metadata: 'map<string, dyn>' },
    tls_session: { sni: 'string' },
  },
};

type Options = { readonly homogeneousAggregateLiterals?: boolean };

type ObjectType = 'dyn' | 'Envoy' | 'HTTP';

function build(fenv: FunctionEnv, options: Options, object: ObjectType): Environment {
  // Homogeneous list and map literals, as Kyverno Authz's cel-go environment: `{"n": 1, "s": "x"}`
  // is a type error there (the policy is dropped), so it is refused here at load.
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: options.homogeneousAggregateLiterals ?? true });
  registerExtensions(env);
  registerEnvoy(env);
  registerHttp(env);
  registerJwt(env, fenv);
  registerRe2Matches(env);
  if (object === 'Envoy') env.registerVariable({ name: 'object', schema: CHECK_REQUEST_SCHEMA });
  else if (object === 'HTTP') env.registerVariable({ name: 'object', schema: { attributes: 'HttpCheckRequestAttributes', mcp: 'dyn' } });
  else env.registerVariable('object', 'dyn');
  env.registerVariable('variables', 'dyn');
  return env;
}

const checkers = new WeakMap<Environment, { readonly Envoy: Environment; readonly HTTP: Environment }>();

/**
 * `object` is the CheckRequest; `variables` the policy's variables (lazy: see kyverno-authz.ts).
 * Expressions run with `object` as `dyn` (no per-request conversion) and are also checked against
 * their mode's typed request (typedChecker), so a misspelt field or a uint compared with an int is
 * refused at load, as cel-go refuses it.
 */
export function createCelEnvironment(fenv: FunctionEnv, options: Options = {}): Environment {
  const env = build(fenv, options, 'dyn');
  checkers.set(env, { Envoy: build(fenv, options, 'Envoy'), HTTP: build(fenv, options, 'HTTP') });
  return env;
}

/** The check-only twin of `env` whose `object` is the mode's typed request (Envoy's CheckRequest, or http.CheckRequest). */
export function typedChecker(env: Environment, mode: 'Envoy' | 'HTTP'): Environment | undefined {
  return checkers.get(env)?.[mode];
}
