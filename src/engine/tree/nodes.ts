// The compiled assertion tree: kyverno-json's sliceNode, mapNode and
// scalarNode. Each node checks `value` at `path` and returns its field errors;
// a failure that aborts the assertion is thrown (TreeError). Evaluation stays
// synchronous until an expression returns a promise.
import type { EvalScope, Expression, MaybePromise } from '../types.js';
import { internalError, invalid, required, TreeError, typeInvalid } from './errors.js';
import { isPromise } from '../async.js';
import { checkDeadline, concat, type Errs, evaluateAt, type MaybeErrs, NONE, withBinding } from './flow.js';
import { expectedValue } from '../go/fmt.js';
import { match } from './match.js';
import { child, type FieldPath, subscript } from './path.js';
import { isObject } from '../json.js';

export interface TreeNode {
  assert(value: unknown, path: FieldPath | undefined, scope: EvalScope): MaybeErrs;
}

/** Same length, then element by element. */
export class SliceNode implements TreeNode {
  constructor(private readonly items: readonly TreeNode[]) {}

  assert(value: unknown, path: FieldPath | undefined, scope: EvalScope): MaybeErrs {
    if (value === null || value === undefined) return [invalid(path, null, 'value is null')];
    if (!Array.isArray(value)) throw typeInvalidError(path, value, 'expected a slice');
    if (value.length !== this.items.length) return [invalid(path, value, "lengths of slices don't match")];
    return this.from(0, value, path, scope, NONE);
  }

  private from(i: number, value: unknown[], path: FieldPath | undefined, scope: EvalScope, acc: Errs): MaybeErrs {
    for (; i < this.items.length; i++) {
      checkDeadline(scope);
      const errs = (this.items[i] as TreeNode).assert(value[i], subscript(path, i), scope);
      if (isPromise(errs)) return errs.then((e) => this.from(i + 1, value, path, scope, concat(acc, e)));
      acc = concat(acc, errs);
    }
    return acc;
  }
}

/** How a map key finds its value: a plain key looks it up, an expression computes it. */
export type Projection = { readonly kind: 'key'; readonly key: string } | { readonly kind: 'expression'; readonly expression: Expression };

export interface MapEntry {
  /** The key as written: the path segment of its errors. */
  readonly key: string;
  readonly projection: Projection;
  readonly foreach: boolean;
  readonly foreachName: string;
  readonly binding: string;
  readonly node: TreeNode;
}

const NOT_FOUND = Symbol('not found');

/** A subset check: every entry projects the value and checks the projection; extra payload keys are fine. */
export class MapNode implements TreeNode {
  constructor(private readonly entries: readonly MapEntry[]) {}

  assert(value: unknown, path: FieldPath | undefined, scope: EvalScope): MaybeErrs {
    if (this.entries.length === 0) return value === null || value === undefined ? [invalid(path, null, 'invalid value, must not be null')] : NONE;
    return this.from(0, value, path, scope, NONE);
  }

  // A `->name` binding is visible to the entries after it too: kyverno-json
  // re-assigns the map loop's bindings.
  private from(i: number, value: unknown, path: FieldPath | undefined, scope: EvalScope, acc: Errs): MaybeErrs {
    for (; i < this.entries.length; i++) {
      checkDeadline(scope);
      const entry = this.entries[i] as MapEntry;
      const at = child(path, entry.key);
      const projected = project(entry.projection, value, scope, at);
      if (isPromise(projected)) return projected.then((p) => this.rest(i, p, value, path, scope, acc));
      if (projected !== NOT_FOUND && entry.binding) scope = withBinding(scope, entry.binding, projected);
      const errs = check(entry, projected, at, scope);
      if (isPromise(errs)) {
        const next = scope;
        return errs.then((e) => this.from(i + 1, value, path, next, concat(acc, e)));
      }
      acc = concat(acc, errs);
    }
    return acc;
  }

  private rest(i: number, projected: unknown, value: unknown, path: FieldPath | undefined, scope: EvalScope, acc: Errs): MaybeErrs {
    const entry = this.entries[i] as MapEntry;
    const next = projected !== NOT_FOUND && entry.binding ? withBinding(scope, entry.binding, projected) : scope;
    const errs = check(entry, projected, child(path, entry.key), next);
    return isPromise(errs) ? errs.then((e) => this.from(i + 1, value, path, next, concat(acc, e))) : this.from(i + 1, value, path, next, concat(acc, errs));
  }
}

function project(projection: Projection, value: unknown, scope: EvalScope, at: FieldPath): MaybePromise<unknown> {
  if (projection.kind === 'expression') return evaluateAt(projection.expression, value, scope, at);
  if (value === null || value === undefined) return NOT_FOUND;
  if (!isObject(value)) throw internalError(at, 'projection not recognized');
  return Object.hasOwn(value, projection.key) ? (value[projection.key] ?? null) : NOT_FOUND;
}

function check(entry: MapEntry, projected: unknown, at: FieldPath, scope: EvalScope): MaybeErrs {
  if (projected === NOT_FOUND) return [required(at, 'field not found in the input object')];
  if (!entry.foreach) return entry.node.assert(projected, at, scope);
  if (Array.isArray(projected)) return eachItem(entry, projected, 0, at, scope, NONE);
  if (isObject(projected)) return eachEntry(entry, Object.keys(projected), projected, 0, at, scope, NONE);
  throw typeInvalidError(at, projected, 'expected a slice or a map');
}

function eachItem(entry: MapEntry, items: readonly unknown[], i: number, at: FieldPath, scope: EvalScope, acc: Errs): MaybeErrs {
  for (; i < items.length; i++) {
    checkDeadline(scope);
    const inner = entry.foreachName ? withBinding(scope, entry.foreachName, i) : scope;
    const errs = entry.node.assert(items[i], subscript(at, i), inner);
    if (isPromise(errs)) return errs.then((e) => eachItem(entry, items, i + 1, at, scope, concat(acc, e)));
    acc = concat(acc, errs);
  }
  return acc;
}

function eachEntry(entry: MapEntry, keys: readonly string[], map: Record<string, unknown>, i: number, at: FieldPath, scope: EvalScope, acc: Errs): MaybeErrs {
  for (; i < keys.length; i++) {
    checkDeadline(scope);
    const key = keys[i] as string;
    const inner = entry.foreachName ? withBinding(scope, entry.foreachName, key) : scope;
    const errs = entry.node.assert(map[key], subscript(at, key), inner);
    if (isPromise(errs)) return errs.then((e) => eachEntry(entry, keys, map, i + 1, at, scope, concat(acc, e)));
    acc = concat(acc, errs);
  }
  return acc;
}

function typeInvalidError(at: FieldPath | undefined, value: unknown, reason: string): TreeError {
  return new TreeError(typeInvalid(at, value, reason));
}

/** A leaf whose expected value is a literal. */
export class LiteralLeaf implements TreeNode {
  constructor(private readonly expected: unknown) {}

  assert(value: unknown, path: FieldPath | undefined): MaybeErrs {
    // The common case (string against string) needs no Match call.
    if (this.expected === value) return NONE;
    return compare(this.expected, value, path);
  }
}

/** A leaf whose expected value is an expression evaluated against the actual value. */
export class ExpressionLeaf implements TreeNode {
  constructor(private readonly expression: Expression) {}

  assert(value: unknown, path: FieldPath | undefined, scope: EvalScope): MaybeErrs {
    const expected = evaluateAt(this.expression, value, scope, path);
    return isPromise(expected) ? expected.then((e) => compare(e, value, path)) : compare(expected, value, path);
  }
}

function compare(expected: unknown, actual: unknown, path: FieldPath | undefined): Errs {
  let matched: boolean;
  try {
    matched = match(expected, actual ?? null);
  } catch (error) {
    throw internalError(path, error);
  }
  return matched ? NONE : [invalid(path, actual, () => `Expected value: ${expectedValue(expected)}`)];
}
