// The cel-go extensions Kyverno Authz enables that cel-js lacks: encoders
// (base64), math, sets, and the strings and lists functions its policies use.
import type { Environment } from '@marcbachmann/cel-js';
import { EvaluationError } from '../types.js';
import { namespace, register } from './registry.js';

/** A comparable key for CEL equality of scalars (1 == 1.0 == 1u, as cel-go's heterogeneous equality). */
function key(value: unknown): string {
  if (typeof value === 'bigint' || typeof value === 'number') return `n:${Number(value)}`;
  if (value !== null && typeof value === 'object' && value.constructor?.name === 'UnsignedInt') return `n:${Number(value.valueOf())}`;
  return `${typeof value}:${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))}`;
}

const list = (value: unknown): unknown[] => (value instanceof Set ? [...value] : (value as unknown[]));
const keys = (value: unknown) => new Set(list(value).map(key));

function numeric(values: unknown[], pick: (a: number, b: number) => boolean, name: string): unknown {
  if (values.length === 0) throw new EvaluationError(`math.${name}: no arguments`);
  return values.reduce((best, v) => (pick(Number(v), Number(best)) ? v : best));
}

export function registerExtensions(env: Environment): void {
  registerBase64(env);
  registerMath(env);
  registerSets(env);
  registerStrings(env);
  registerLists(env);
}

function registerBase64(env: Environment): void {
  const b64 = namespace(env, 'base64');
  register(env, b64, 'encode', ['bytes'], (b: Uint8Array) => Buffer.from(b).toString('base64'), 'string');
  register(env, b64, 'decode', ['string'], (s: string) => new Uint8Array(Buffer.from(s, /[-_]/.test(s) ? 'base64url' : 'base64')), 'bytes');
}

function registerMath(env: Environment): void {
  const math = namespace(env, 'math');
  for (const [name, pick] of [
    ['greatest', (a: number, b: number) => a > b],
    ['least', (a: number, b: number) => a < b],
  ] as const) {
    register(env, math, name, ['dyn'], (v: unknown) => numeric(Array.isArray(v) ? v : [v], pick, name));
    register(env, math, name, ['dyn', 'dyn'], (a: unknown, b: unknown) => numeric([a, b], pick, name));
    register(env, math, name, ['dyn', 'dyn', 'dyn'], (a: unknown, b: unknown, c: unknown) => numeric([a, b, c], pick, name));
  }
  register(env, math, 'abs', ['int'], (v: bigint) => (v < 0n ? -v : v), 'int');
  register(env, math, 'abs', ['double'], (v: number) => Math.abs(v), 'double');
  register(env, math, 'ceil', ['double'], (v: number) => Math.ceil(v), 'double');
  register(env, math, 'floor', ['double'], (v: number) => Math.floor(v), 'double');
  register(env, math, 'round', ['double'], (v: number) => Math.round(v), 'double');
}

/** cel-go's sets library, with its heterogeneous equality (`key`): every one is (list, list) -> bool. */
const SETS: Readonly<Record<string, (a: unknown, b: unknown) => boolean>> = {
  contains: (a, b) => {
    const have = keys(a);
    return list(b).every((x) => have.has(key(x)));
  },
  equivalent: (a, b) => {
    const [x, y] = [keys(a), keys(b)];
    return x.size === y.size && [...x].every((k) => y.has(k));
  },
  intersects: (a, b) => {
    const have = keys(a);
    return list(b).some((x) => have.has(key(x)));
  },
};

function registerSets(env: Environment): void {
  const sets = namespace(env, 'sets');
  for (const [name, fn] of Object.entries(SETS)) register(env, sets, name, ['list', 'list'], fn, 'bool');
}

function registerStrings(env: Environment): void {
  register(env, 'string', 'replace', ['string', 'string'], (s: string, from: string, to: string) => s.split(from).join(to), 'string');
  register(
    env,
    'string',
    'replace',
    ['string', 'string', 'int'],
    (s: string, from: string, to: string, n: bigint) => replaceN(s, from, to, Number(n)),
    'string',
  );
  register(env, 'string', 'reverse', [], (s: string) => [...s].reverse().join(''), 'string');
  register(env, 'string', 'charAt', ['int'], (s: string, i: bigint) => charAt(s, Number(i)), 'string');
  const strings = namespace(env, 'strings');
  register(env, strings, 'quote', ['string'], (s: string) => JSON.stringify(s), 'string');
}

function registerLists(env: Environment): void {
  register(env, 'list', 'slice', ['int', 'int'], (l: unknown, from: bigint, to: bigint) => slice(list(l), Number(from), Number(to)));
  register(env, 'list', 'flatten', [], (l: unknown) => list(l).flatMap((x) => (Array.isArray(x) ? x : [x])));
  register(env, 'list', 'distinct', [], (l: unknown) => {
    const seen = new Set<string>();
    return list(l).filter((x) => !seen.has(key(x)) && seen.add(key(x)));
  });
  register(env, 'list', 'sort', [], (l: unknown) => [...list(l)].sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0)));
}

function replaceN(s: string, from: string, to: string, n: number): string {
  if (n < 0) return s.split(from).join(to);
  let out = s;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const found = out.indexOf(from, at);
    if (found === -1) break;
    out = out.slice(0, found) + to + out.slice(found + from.length);
    at = found + to.length;
  }
  return out;
}

function charAt(s: string, i: number): string {
  const chars = [...s];
  if (i < 0 || i > chars.length) throw new EvaluationError(`charAt: index ${i} out of range`);
  return chars[i] ?? '';
}

function slice(l: unknown[], from: number, to: number): unknown[] {
  if (from < 0 || to < from || to > l.length) throw new EvaluationError(`slice: invalid range [${from}, ${to}) of a list of ${l.length}`);
  return l.slice(from, to);
}
