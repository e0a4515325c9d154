// Remote JWK sets: one jose RemoteJWKSet per URL, which caches the set,
// refetches it when a token names a key it lacks (at most once per
// cooldown) or when it is older than the cache max age.
import { createRemoteJWKSet } from 'jose';
import { Lru } from '../engine/cache/lru.js';
export class RemoteKeySets {
    options;
    sets;
    constructor(options = {}) {
        this.options = options;
        this.sets = new Lru(options.maxSets ?? 64);
    }
    get(url) {
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
        return set;
    }
}
//# sourceMappingURL=jwks.js.map