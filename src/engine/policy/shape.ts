// Small structural checks for policy documents. Each failure is a PolicyError
// naming the field path; callers attach source and document.

export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ShapeError';
  }
}

export type Obj = Record<string, unknown>;

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, path: string): Obj {
  if (!isObject(value)) throw new ShapeError(path, `expected an object, got ${typeName(value)}`);
  return value;
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(path, `expected a list, got ${typeName(value)}`);
  return value;
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ShapeError(path, `expected a string, got ${typeName(value)}`);
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ShapeError(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`);
}

/** Refuses keys outside `allowed`: a typo must not silently disable part of a policy. */
export function onlyKeys(value: Obj, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ShapeError(path ? `${path}.${key}` : key, `unknown field (allowed: ${allowed.join(', ')})`);
    }
  }
}

export function required(value: Obj, key: string, path: string): unknown {
  if (value[key] === undefined) throw new ShapeError(path ? `${path}.${key}` : key, 'required value');
  return value[key];
}
