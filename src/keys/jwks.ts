// Remote JWK sets: one jose RemoteJWKSet per URL, which caches the set,
// refetches it when a token names a key it lacks (at most once per
// cooldown) or when it is older than the cache max age.
import { createRemoteJWKSet, type RemoteJWKSet } from 'jose';
import { Lru } from '../engine/cache/lru.js';
import type { JwksKeySet } from '../engine/types.js';

export interface JwksOptions {
  /** Timeout of one fetch, ms. Default 5000. */
  readonly timeoutMs?: number;
  /** Minimum time between two fetches of a set after a key was not found, ms. Default 30 000. */
  readonly cooldownMs?: number;
  /** Age after which a set is refetched, ms. Default 600 000. */
  readonly cacheMaxAgeMs?: number;
  /** Headers sent with every fetch (e.g. User-Agent). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Distinct URLs kept (least recently used dropped). Default 64. */
  readonly maxSets?: number;
}

export class RemoteKeySets {
  private readonly sets: Lru<string, RemoteJWKSet>;

  constructor(private readonly options: JwksOptions = {}) {
    this.sets = new Lru(options.maxSets ?? 64);
  }

  get(url: string): JwksKeySet {
    let set = this.sets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url), {
        timeoutDuration: this.options.timeoutMs ?? 5000,
        cooldownDuration: this.options.cooldownMs ?? 30_000,
        cacheMaxAge: this.options.cacheMaxAgeMs ?? 600_000,
        ...(this.options.headers && { headers: { ...this.options.headers } }),
      });
      this.sets.set(url, set);
    }
    return set as unknown as JwksKeySet;
  }
}
