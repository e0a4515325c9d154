// The KeyResolver kgate's JWT functions use (FunctionEnv.keys): key files
// from disk, key sets from JWKS URLs. The engine never does this I/O itself.
import type { KeyResolver } from '../engine/types.js';
import { type KeyFileOptions, KeyFiles } from './files.js';
import { type JwksOptions, RemoteKeySets } from './jwks.js';

export type { KeyFileOptions } from './files.js';
export type { JwksOptions } from './jwks.js';

export interface KeySourceOptions {
  readonly files?: KeyFileOptions;
  readonly jwks?: JwksOptions;
}

export function createKeyResolver(options: KeySourceOptions = {}): KeyResolver {
  const files = new KeyFiles(options.files);
  const sets = new RemoteKeySets(options.jwks);
  return {
    file: (path) => files.read(path),
    jwks: (url) => sets.get(url),
  };
}
