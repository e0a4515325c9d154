import { shareInFlight } from '../cache/in-flight.js';
import { Lru } from '../cache/lru.js';
export class VerifiedCache {
    entries;
    ttlMs;
    // Failures are never stored: concurrent calls for one token share the
    // verification in flight, no longer.
    inFlight = new Map();
    constructor(options = {}) {
        this.entries = new Lru(options.size ?? 1000);
        this.ttlMs = options.ttlMs ?? 60_000;
    }
    /**
     * The cached value for `key` when it was verified with `stamp`, is younger
     * than the TTL and `stillValid` accepts it now; otherwise the result of
     * `verify` (shared with concurrent callers), cached on success.
     */
    get(key, stamp, now, stillValid, verify) {
        const entry = this.entries.get(key);
        if (entry) {
            if (entry.stamp === stamp && now < entry.expiresAt && stillValid(entry.value))
                return entry.value;
            this.entries.delete(key);
        }
        return shareInFlight(this.inFlight, key, () => verify().then((value) => {
            this.entries.set(key, { value, stamp, expiresAt: now + this.ttlMs });
            return value;
        }));
    }
}
/** A cache key for a pair of strings that no other pair produces. */
export function pairKey(a, b) {
    return `${a.length}:${a}${b}`;
}
//# sourceMappingURL=verified-cache.js.map