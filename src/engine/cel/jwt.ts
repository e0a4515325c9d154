// Kyverno Authz's `jwt`, `jwks` and `json` CEL libraries. jwt.Decode checks
// the signature (a forged one is an evaluation error, decided by the policy's
// failurePolicy) and reports the time claims in `Valid` without failing.
import type { Environment } from '@marcbachmann/cel-js';
import { compactVerify, type JWTVerifyGetKey } from 'jose';
import { ASYMMETRIC_ALGORITHMS, HMAC_ALGORITHMS } from '../functions/jwt-algorithms.js';
import { HmacKeys } from '../functions/jwt-hmac.js';
import { Lru } from '../cache/lru.js';
import { EvaluationError, type FunctionEnv, type JwksKeySet, errorText } from '../types.js';
import { namespace, register } from './registry.js';

export class Token {
  constructor(
    readonly Claims: Record<string, unknown>,
    readonly Valid: boolean,
  ) {}
}

export class KeySet {
  constructor(readonly getKey: JwksKeySet) {}
}

class Json {}

export function registerJwt(env: Environment, fenv: FunctionEnv): void {
  env.registerType('JwtToken', Token);
  env.registerType('JwkSet', KeySet);
  const jwt = namespace(env, 'jwt');
  const encoder = new TextEncoder();
  const hmac = new HmacKeys();
  // Verified claims by token and key: a token is verified once, its time claims checked on every use.
  const verified = new Lru<string, Promise<Record<string, unknown>>>(1024);
  const cached = (id: string, verify: () => Promise<Record<string, unknown>>) => {
    let claims = verified.get(id);
    if (!claims) {
      claims = verify();
      claims.catch(() => verified.delete(id));
      verified.set(id, claims);
    }
    return claims.then((c) => new Token(c, timeValid(c, Math.floor(fenv.now() / 1000))));
  };
  register(env, jwt, 'Decode', ['string', 'string'], (token: string, secret: string) =>
    cached(`s:${secret.length}:${secret}:${token}`, () => {
      const bytes = encoder.encode(secret);
      return verifiedClaims(token, (header: { alg?: string }) => hmac.key(bytes, header.alg), HMAC_ALGORITHMS);
    }),
  );
  const sets = new WeakMap<object, number>();
  let nextSet = 0;
  register(env, jwt, 'Decode', ['string', 'JwkSet'], (token: string, set: KeySet) => {
    if (!sets.has(set.getKey)) sets.set(set.getKey, ++nextSet);
    return cached(`k:${sets.get(set.getKey)}:${token}`, () => verifiedClaims(token, set.getKey as unknown as JWTVerifyGetKey, ASYMMETRIC_ALGORITHMS));
  });
  const jwks = namespace(env, 'jwks');
  register(env, jwks, 'Fetch', ['string'], async (url: string) => new KeySet(await fenv.keys.jwks(url)));

  env.registerType('JsonLibrary', Json);
  env.registerConstant('json', 'JsonLibrary', new Json());
  register(env, 'JsonLibrary', 'Unmarshal', ['string'], (_json: Json, text: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new EvaluationError(`json.Unmarshal: ${errorText(error)}`);
    }
  });
}

async function verifiedClaims(token: string, key: unknown, algorithms: readonly string[]): Promise<Record<string, unknown>> {
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, key as never, { algorithms: [...algorithms] }));
  } catch (error) {
    throw new EvaluationError(`jwt.Decode: ${errorText(error)}`);
  }
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new EvaluationError('jwt.Decode: the payload is not JSON');
  }
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) throw new EvaluationError('jwt.Decode: the payload is not a JSON object');
  return claims as Record<string, unknown>;
}

/** exp in the future, nbf and iat not after now (no leeway), as the Go library Kyverno Authz uses checks them. */
function timeValid(claims: Record<string, unknown>, now: number): boolean {
  const { exp, nbf, iat } = claims;
  if (typeof exp === 'number' && now >= exp) return false;
  if (typeof nbf === 'number' && now < nbf) return false;
  if (typeof iat === 'number' && now < iat) return false;
  return true;
}
