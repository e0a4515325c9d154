// Moving a parsed document from the parse worker to the main thread without
// a long stall: one postMessage of a 20,000-rule document took 400 ms to
// deserialize on the receiving side. The sender cuts the value into ops of
// at most CHUNK_NODES nodes; the receiver applies them one message at a
// time, each its own turn of the event loop.
export const CHUNK_NODES = 2000;
/** The container the root value is put in, at key 0. */
export const ROOT = -1;
/** The ops that rebuild `value`, in messages of about `budget` nodes (a long string counts per 4 KiB). */
export function* chunks(value, budget = CHUNK_NODES) {
    const sizes = new Map();
    let ops = [];
    let used = 0;
    let nextId = 0;
    function* put(parent, key, v) {
        const size = sizeOf(v, sizes);
        if (size <= budget || typeof v !== 'object' || v === null) {
            if (used + size > budget && ops.length > 0) {
                yield ops;
                ops = [];
                used = 0;
            }
            ops.push([parent, key, 0, v]);
            used += size;
            return;
        }
        const id = nextId++;
        ops.push([parent, key, Array.isArray(v) ? 1 : 2, id]);
        used++;
        if (Array.isArray(v))
            for (let i = 0; i < v.length; i++)
                yield* put(id, i, v[i]);
        else
            for (const k of Object.keys(v))
                yield* put(id, k, v[k]);
    }
    yield* put(ROOT, 0, value);
    if (ops.length > 0)
        yield ops;
}
/** Nodes in `value` (limits.ts has already bounded its depth), memoized per object. */
function sizeOf(value, sizes) {
    if (typeof value === 'string')
        return 1 + (value.length >> 12);
    if (typeof value !== 'object' || value === null)
        return 1;
    const known = sizes.get(value);
    if (known !== undefined)
        return known;
    let size = 1;
    for (const child of Array.isArray(value) ? value : Object.values(value))
        size += sizeOf(child, sizes);
    sizes.set(value, size);
    return size;
}
/** Rebuilds a value from its ops, message by message. */
export class Assembler {
    containers = new Map();
    root;
    apply(ops) {
        for (const [parent, key, kind, v] of ops) {
            let value = v;
            if (kind !== 0) {
                const container = kind === 1 ? [] : {};
                this.containers.set(v, container);
                value = container;
            }
            if (parent === ROOT) {
                this.root = value;
                continue;
            }
            const into = this.containers.get(parent);
            if (!into)
                throw new Error(`policy transfer: op for unknown container ${parent}`);
            // As yaml builds maps: a `__proto__` key is data, never the prototype.
            if (key === '__proto__')
                Object.defineProperty(into, key, { value, writable: true, enumerable: true, configurable: true });
            else
                into[key] = value;
        }
    }
    get value() {
        return this.root;
    }
}
//# sourceMappingURL=transfer.js.map