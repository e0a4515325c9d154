// JSON values as the engine sees them: parsed YAML/JSON documents, payloads
// and bindings, their members not yet checked.

/** A JSON object (a YAML mapping), members unchecked. */
export type Json = Record<string, unknown>;

/** An object, not null and not an array: a JSON object. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
