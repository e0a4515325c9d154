// Small helpers over cel-js registration: namespaces (`envoy.`, `jwt.`,
// `base64.`) are constants of a type of their own whose member functions are
// the namespace's functions, as cel-js does for `optional.`.
import type { Environment } from '@marcbachmann/cel-js';

/** Declares the namespace `name` and returns the type its functions hang on. */
export function namespace(env: Environment, name: string): string {
  const type = `${name}.Namespace`.replace(/\./g, '_');
  class Namespace {}
  Object.defineProperty(Namespace, 'name', { value: type });
  env.registerType(type, Namespace);
  env.registerConstant(name, type, new Namespace());
  return type;
}

type Handler = (...args: never[]) => unknown;

/** A member function of `receiver` (a namespace type or a value type); results are `dyn` (see envoy.ts). */
export function register(env: Environment, receiver: string, name: string, params: readonly string[], handler: Handler, returnType = 'dyn'): void {
  const isNamespace = receiver.endsWith('_Namespace');
  env.registerFunction({
    name,
    receiverType: receiver,
    returnType,
    params: params.map((type) => ({ type })),
    handler: isNamespace ? (_ns: unknown, ...args: unknown[]) => (handler as (...a: unknown[]) => unknown)(...args) : handler,
  } as never);
}

/** A CEL value as plain JSON-able JS: ints become numbers, Maps objects, Sets arrays. */
export function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plainValue(v)]));
  if (value instanceof Set || Array.isArray(value)) return [...value].map(plainValue);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    if (typeof (value as { valueOf(): unknown }).valueOf === 'function' && value.constructor?.name === 'UnsignedInt') return Number(value.valueOf());
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
  }
  return value;
}
