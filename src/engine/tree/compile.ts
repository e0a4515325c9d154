// Assertion trees from policy YAML to nodes (kyverno-json's assertion.Parse
// and projection.ParseMapKey / ParseScalar). Every expression is compiled
// here, once; evaluation never parses.
import type { Compiler, Expression } from '../types.js';
import { type FieldErr, invalid } from './errors.js';
import { errorText } from '../types.js';
import { type KeyCompiler, type ParsedKey, parseKey } from './key.js';
import { ExpressionLeaf, LiteralLeaf, type MapEntry, MapNode, SliceNode, type TreeNode } from './nodes.js';
import { staticPath } from './path.js';
import { isObject } from '../json.js';

/** Which compiler a key's prefix names at this level (`default` included); undefined: a literal. */
export type CompilerLookup = (name: KeyCompiler) => Compiler | undefined;

/** A tree (or value) that cannot be compiled: kyverno-json's field.Error, with the full field path. */
export class TreeCompileError extends Error {
  constructor(readonly field: FieldErr) {
    super(field.toString());
    this.name = 'TreeCompileError';
  }
}

export function compileTree(tree: unknown, path: string, compilers: CompilerLookup): TreeNode {
  if (Array.isArray(tree)) return new SliceNode(tree.map((item, i) => compileTree(item, `${path}[${i}]`, compilers)));
  if (isObject(tree)) return new MapNode(Object.entries(tree).map(([key, value]) => compileEntry(key, value, join(path, key), compilers)));
  return compileLeaf(tree, path, compilers);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function compileEntry(key: string, value: unknown, path: string, compilers: CompilerLookup): MapEntry {
  const parsed = parseKey(key);
  const expression = compileStatement(parsed, path, compilers);
  return {
    key,
    projection: expression ? { kind: 'expression', expression } : { kind: 'key', key: parsed.statement },
    foreach: parsed.foreach,
    foreachName: parsed.foreachName,
    binding: parsed.binding,
    node: compileTree(value, path, compilers),
  };
}

function compileLeaf(value: unknown, path: string, compilers: CompilerLookup): TreeNode {
  const scalar = compileScalar(value, path, compilers);
  return scalar.kind === 'expression' ? new ExpressionLeaf(scalar.expression) : new LiteralLeaf(scalar.value);
}

export type Scalar = { readonly kind: 'literal'; readonly value: unknown } | { readonly kind: 'expression'; readonly expression: Expression };

/** A leaf or a context variable: `(expr)` is an expression, a `\escaped\` string its inside, anything else itself. */
export function compileScalar(value: unknown, path: string, compilers: CompilerLookup): Scalar {
  if (typeof value !== 'string') return { kind: 'literal', value: value ?? null };
  const parsed = parseKey(value);
  if (parsed.foreach) throw new TreeCompileError(invalid(staticPath(path), value, 'foreach is not supported in scalar projections'));
  if (parsed.binding) throw new TreeCompileError(invalid(staticPath(path), value, 'binding is not supported in scalar projections'));
  const expression = compileStatement(parsed, path, compilers);
  return expression ? { kind: 'expression', expression } : { kind: 'literal', value: parsed.statement };
}

export function compileStatement(parsed: ParsedKey, path: string, compilers: CompilerLookup): Expression | undefined {
  const compiler = parsed.compiler ? compilers(parsed.compiler) : undefined;
  if (!compiler) return undefined;
  try {
    return compiler.compile(parsed.statement);
  } catch (error) {
    throw new TreeCompileError(invalid(staticPath(path), parsed.statement, errorText(error)));
  }
}
