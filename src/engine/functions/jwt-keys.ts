// Key material for jwt_verify: what a secret, a PEM, a JWK or a JWK set turns
// into, with the algorithms it may verify when the policy lists none.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { base64url, createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { EvaluationError } from '../types.js';
import { algorithmsForKey, ASYMMETRIC_ALGORITHMS, checkAlgorithms, HMAC_ALGORITHMS } from './jwt-algorithms.js';
import type { HmacKeys } from './jwt-hmac.js';
import { isObject } from '../json.js';

export interface KeyMaterial {
  readonly key: KeyObject | JWTVerifyGetKey;
  /** Default allow-list: derived from the key's type. */
  readonly algorithms: readonly string[];
}

export function secretKey(secret: Uint8Array, hmac: HmacKeys, what: string): KeyMaterial {
  if (secret.length === 0) throw new EvaluationError(`${what}: the secret is empty`);
  return { key: (header) => hmac.key(secret, header.alg), algorithms: HMAC_ALGORITHMS };
}

/** A PEM public key (SPKI or PKCS#1), certificate, or private key (only its public half is used). */
export function pemKey(pem: string, what: string): KeyMaterial {
  const key = attempt(() => createPublicKey(pem), what, 'not a PEM public key, certificate or private key');
  return { key, algorithms: attempt(() => algorithmsForKey(key), what) };
}

export function jwkKey(jwk: Record<string, unknown>, hmac: HmacKeys, what: string): KeyMaterial {
  const declared = jwk.alg === undefined ? undefined : checkAlgorithms([jwk.alg], `${what}.alg`);
  if (jwk.kty === 'oct') {
    if (typeof jwk.k !== 'string') throw new EvaluationError(`${what}: an "oct" JWK needs its "k" member`);
    const secret = attempt(() => base64url.decode(jwk.k as string), what, '"k" is not base64url');
    return { ...secretKey(secret, hmac, what), ...(declared && { algorithms: declared }) };
  }
  const key = attempt(() => createPublicKey({ key: jwk as never, format: 'jwk' }), what, 'not a usable JWK');
  return { key, algorithms: declared ?? attempt(() => algorithmsForKey(key), what) };
}

export function jwksKey(jwks: Record<string, unknown>, what: string): KeyMaterial {
  const getKey = attempt(() => createLocalJWKSet(jwks as never), what, 'not a JWK set');
  return keySet(getKey as JWTVerifyGetKey);
}

/** A key set picks its key by `kid` and `alg`, and jose matches each key's type to the algorithm. */
export function keySet(getKey: JWTVerifyGetKey): KeyMaterial {
  return { key: getKey, algorithms: ASYMMETRIC_ALGORITHMS };
}

/** The text of a key file: PEM, or JSON holding a JWK or a JWK set. */
export function keyFileKey(text: string, hmac: HmacKeys, what: string): KeyMaterial {
  if (text.trimStart().startsWith('-----BEGIN')) return pemKey(text, what);
  const json = attempt(() => JSON.parse(text) as unknown, what, 'neither PEM nor JSON');
  if (!isObject(json)) throw new EvaluationError(`${what}: JSON key files hold a JWK or a JWK set object`);
  return Array.isArray(json.keys) ? jwksKey(json, what) : jwkKey(json, hmac, what);
}

function attempt<T>(run: () => T, what: string, reason?: string): T {
  try {
    return run();
  } catch (error) {
    const message = (error as Error).message;
    throw new EvaluationError(`${what}: ${reason ? `${reason} (${message})` : message}`);
  }
}
