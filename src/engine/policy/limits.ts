// Size limits on policy documents, checked before anything compiles them: a
// file or an extension resource that breaks one is refused with the field
// path, not loaded slowly (docs/policy.md, "Limits").

export interface DocumentLimits {
  /** UTF-8 bytes of one policy file or text. */
  readonly maxBytes: number;
  /** Nesting of maps and lists in one document. */
  readonly maxDepth: number;
  /** Maps, lists and scalars in one document. */
  readonly maxNodes: number;
  /** UTF-16 code units of one string, key or value. */
  readonly maxStringLength: number;
}

export const DOCUMENT_LIMITS: DocumentLimits = Object.freeze({
  maxBytes: 32 * 1024 * 1024,
  maxDepth: 100,
  maxNodes: 1_000_000,
  maxStringLength: 8 * 1024 * 1024,
});

export interface LimitBreach {
  readonly path: string;
  readonly reason: string;
}

interface Pending {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Pending | undefined;
  readonly step: string;
}

/** The first limit `value` breaks, walked without recursion (a deep value must not overflow the stack here). */
export function findLimitBreach(value: unknown, limits: DocumentLimits = DOCUMENT_LIMITS): LimitBreach | undefined {
  const stack: Pending[] = [{ value, depth: 0, parent: undefined, step: '' }];
  let nodes = 0;
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (++nodes > limits.maxNodes) return { path: pathOf(item), reason: `more than ${limits.maxNodes} nodes in one document` };
    const { value: v, depth } = item;
    if (typeof v === 'string' && v.length > limits.maxStringLength) {
      return { path: pathOf(item), reason: `a string of ${v.length} characters, more than the limit of ${limits.maxStringLength}` };
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limits.maxDepth) return { path: pathOf(item), reason: `nested more than ${limits.maxDepth} deep` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: depth + 1, parent: item, step: `[${i}]` });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      if (key.length > limits.maxStringLength) {
        return { path: pathOf(item), reason: `a key of ${key.length} characters, more than the limit of ${limits.maxStringLength}` };
      }
      stack.push({ value: (v as Record<string, unknown>)[key], depth: depth + 1, parent: item, step: `.${key}` });
    }
  }
  return undefined;
}

function pathOf(item: Pending): string {
  const steps: string[] = [];
  for (let at: Pending | undefined = item; at?.parent; at = at.parent) steps.push(at.step);
  const path = steps.reverse().join('');
  return path.startsWith('.') ? path.slice(1) : path;
}
