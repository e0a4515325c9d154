// Small structural checks for policy documents. Each failure is a PolicyError
// naming the field path; callers attach source and document.
import { isObject, type Json } from '../json.js';

export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ShapeError';
  }
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function object(value: unknown, path: string): Json {
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
export function onlyKeys(value: Json, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ShapeError(path ? `${path}.${key}` : key, `unknown field (allowed: ${allowed.join(', ')})`);
    }
  }
}

/** How a missing field is told: kgate's documents, or kyverno-json's (null counts as absent, Go's field.Required text). */
export const KGATE_REQUIRED = { nullIsAbsent: false, reason: 'required value' } as const;
export const KYVERNO_JSON_REQUIRED = { nullIsAbsent: true, reason: 'Required value' } as const;

/** `value[key]`, which must be present (ShapeError at `path.key` otherwise). */
export function required(value: Json, key: string, path: string, how: { readonly nullIsAbsent: boolean; readonly reason: string } = KGATE_REQUIRED): unknown {
  const v = value[key];
  if (v === undefined || (how.nullIsAbsent && v === null)) throw new ShapeError(path ? `${path}.${key}` : key, how.reason);
  return v;
}
