// Verified-token cache shared by jwt_decode and jwt_verify. Tokens repeat from
// request to request, and a verification costs a WebCrypto round trip (about
// 100 µs); a hit costs a map lookup and a re-check of the time claims.
import type { MaybePromise } from '../types.js';
import { shareInFlight } from '../cache/in-flight.js';
import { Lru } from '../cache/lru.js';

interface Entry<T> {
  readonly value: T;
  /** Identity of the key material the value was verified with: a hit needs the same one. */
  readonly stamp: unknown;
  readonly expiresAt: number;
}

export interface CacheOptions {
  /** Verified tokens kept (least recently used dropped first). Default 1000. */
  readonly size?: number;
  /**
   * How long a verification is reused, in ms (default 60 000): bounds how long a
   * key removed from a key set keeps validating tokens it signed.
   */
  readonly ttlMs?: number;
}

export class VerifiedCache<T> {
  private readonly entries: Lru<string, Entry<T>>;
  private readonly ttlMs: number;
  // Failures are never stored: concurrent calls for one token share the
  // verification in flight, no longer.
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(options: CacheOptions = {}) {
    this.entries = new Lru(options.size ?? 1000);
    this.ttlMs = options.ttlMs ?? 60_000;
  }

  /**
   * The cached value for `key` when it was verified with `stamp`, is younger
   * than the TTL and `stillValid` accepts it now; otherwise the result of
   * `verify` (shared with concurrent callers), cached on success.
   */
  get(key: string, stamp: unknown, now: number, stillValid: (value: T) => boolean, verify: () => Promise<T>): MaybePromise<T> {
    const entry = this.entries.get(key);
    if (entry) {
      if (entry.stamp === stamp && now < entry.expiresAt && stillValid(entry.value)) return entry.value;
      this.entries.delete(key);
    }
    return shareInFlight(this.inFlight, key, () =>
      verify().then((value) => {
        this.entries.set(key, { value, stamp, expiresAt: now + this.ttlMs });
        return value;
      }),
    );
  }
}

/** A cache key for a pair of strings that no other pair produces. */
export function pairKey(a: string, b: string): string {
  return `${a.length}:${a}${b}`;
}
