/**
 * A bounded map that forgets old entries first (Map keeps insertion order),
 * approximately least recently used: a hit moves its entry to the young end
 * only once it has drifted into the older half of the map. Hot entries (the
 * same few tokens on every request) then cost one Map lookup per hit instead
 * of a delete and a re-insert.
 */
export class Lru {
    capacity;
    entries = new Map();
    clock = 0;
    constructor(capacity) {
        this.capacity = capacity;
        if (!(capacity >= 1))
            throw new RangeError(`cache capacity must be at least 1, got ${capacity}`);
    }
    get size() {
        return this.entries.size;
    }
    get(key) {
        const entry = this.entries.get(key);
        if (entry === undefined)
            return undefined;
        if (this.clock - entry.stamp > this.capacity / 2) {
            this.entries.delete(key);
            entry.stamp = ++this.clock;
            this.entries.set(key, entry);
        }
        return entry.value;
    }
    set(key, value) {
        this.entries.delete(key);
        this.entries.set(key, { value, stamp: ++this.clock });
        if (this.entries.size > this.capacity)
            this.entries.delete(this.entries.keys().next().value);
    }
    delete(key) {
        this.entries.delete(key);
    }
}
//# sourceMappingURL=lru.js.map