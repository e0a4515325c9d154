// Field paths as k8s field.Path renders them (`spec.containers[0].image`).
// Built as a linked list while evaluating and rendered only when an error
// needs it: most evaluations never render a path.

export interface FieldPath {
  readonly parent: FieldPath | undefined;
  /** A field name, or undefined for a subscript. */
  readonly name: string | undefined;
  /** The subscript (index or map key) when `name` is undefined. */
  readonly index: string;
}

export function child(parent: FieldPath | undefined, name: string): FieldPath {
  return { parent, name, index: '' };
}

export function subscript(parent: FieldPath | undefined, index: string | number): FieldPath {
  return { parent, name: undefined, index: String(index) };
}

/** field.Path.String(): an absent path is `<nil>`, an empty field name renders as a subscript. */
export function renderPath(path: FieldPath | undefined): string {
  if (path === undefined) return '<nil>';
  const parts: string[] = [];
  for (let p: FieldPath | undefined = path; p; p = p.parent) {
    const named = p.name !== undefined && p.name.length > 0;
    parts.push(named ? (p.parent ? `.${p.name}` : (p.name as string)) : `[${p.name === undefined ? p.index : ''}]`);
  }
  return parts.reverse().join('');
}

/** A dotted static path (`spec.rules[0].assert`) as a FieldPath, for compile-time prefixes. */
export function staticPath(text: string): FieldPath | undefined {
  return text === '' ? undefined : { parent: undefined, name: text, index: '' };
}
