// Moving a parsed document from the parse worker to the main thread without
// a long stall: one postMessage of a 20,000-rule document took 400 ms to
// deserialize on the receiving side. The sender cuts the value into ops of
// at most CHUNK_NODES nodes; the receiver applies them one message at a
// time, each its own turn of the event loop.

/** [parent container, key, kind, value]: kind 0 puts `value` at key, 1 and 2 put a new array or object whose id is `value`. */
export type Op = readonly [number, string | number, 0 | 1 | 2, unknown];

export const CHUNK_NODES = 2000;
/** The container the root value is put in, at key 0. */
export const ROOT = -1;

/** The ops that rebuild `value`, in messages of about `budget` nodes (a long string counts per 4 KiB). */
export function* chunks(value: unknown, budget: number = CHUNK_NODES): Generator<Op[], void, void> {
  const sizes = new Map<object, number>();
  let ops: Op[] = [];
  let used = 0;
  let nextId = 0;
  function* put(parent: number, key: string | number, v: unknown): Generator<Op[], void, void> {
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
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* put(id, i, v[i]);
    else for (const k of Object.keys(v)) yield* put(id, k, (v as Record<string, unknown>)[k]);
  }
  yield* put(ROOT, 0, value);
  if (ops.length > 0) yield ops;
}

/** Nodes in `value` (limits.ts has already bounded its depth), memoized per object. */
function sizeOf(value: unknown, sizes: Map<object, number>): number {
  if (typeof value === 'string') return 1 + (value.length >> 12);
  if (typeof value !== 'object' || value === null) return 1;
  const known = sizes.get(value);
  if (known !== undefined) return known;
  let size = 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) size += sizeOf(child, sizes);
  sizes.set(value, size);
  return size;
}

/** Rebuilds a value from its ops, message by message. */
export class Assembler {
  private readonly containers = new Map<number, Record<string | number, unknown>>();
  private root: unknown;

  apply(ops: readonly Op[]): void {
    for (const [parent, key, kind, v] of ops) {
      let value = v;
      if (kind !== 0) {
        const container = kind === 1 ? [] : {};
        this.containers.set(v as number, container as Record<string | number, unknown>);
        value = container;
      }
      if (parent === ROOT) {
        this.root = value;
        continue;
      }
      const into = this.containers.get(parent);
      if (!into) throw new Error(`policy transfer: op for unknown container ${parent}`);
      // As yaml builds maps: a `__proto__` key is data, never the prototype.
      if (key === '__proto__') Object.defineProperty(into, key, { value, writable: true, enumerable: true, configurable: true });
      else into[key] = value;
    }
  }

  get value(): unknown {
    return this.root;
  }
}
