// Synchronous evaluation of the JSONata expressions policies write most:
// paths of plain names (from the context or a `$variable`), literals, `[n]`
// indexes, and calls of kgate functions and a few JSONata built-ins with such
// arguments. JSONata's evaluator costs a promise per AST node; this costs a
// few property reads. Whenever the data makes JSONata's semantics
// non-trivial (an array to map over, an argument JSONata would coerce or
// reject) the fast program answers FALLBACK and the caller runs JSONata, so
// results are JSONata's in every case.
import type { MaybePromise } from '../types.js';
import type { AstNode } from './jsonata-ast.js';
import { acceptsAsIs, JSONATA_BUILTINS, type KgateFunction } from './jsonata-functions.js';
import { toEvaluationError } from './jsonata-values.js';

export const FALLBACK: unique symbol = Symbol('run jsonata');
export type Vars = Record<string, unknown>;
/** The value (undefined for no match), FALLBACK, or a promise of either (a kgate function's promise). */
export type FastProgram = (context: unknown, vars: Vars) => MaybePromise<unknown>;

export function compileFast(ast: AstNode, source: string, functions: ReadonlyMap<string, KgateFunction>): FastProgram | undefined {
  const compile = (node: AstNode): FastProgram | undefined => {
    switch (node.type) {
      case 'string':
      case 'number':
      case 'value':
      case 'unary':
        return literal(node);
      case 'variable': {
        // A function used as a value is JSONata's business (and an error once it reaches a tree).
        const name = node.value as string;
        if (functions.has(name) || JSONATA_BUILTINS.has(name) || !only(node, ['predicate'])) return undefined;
        return indexed(variable(name), node['predicate']);
      }
      case 'path':
        return only(node, ['steps']) ? path(node['steps'] as AstNode[], compile) : undefined;
      case 'function':
        return call(node, source, functions, compile);
      default:
        return undefined;
    }
  };
  return compile(ast);
}

const NODE_KEYS = new Set(['type', 'value', 'position']);

/** True when the node has no keys but the basic ones and `extra`: anything else (focus, group, keepArray...) is JSONata's business. */
function only(node: AstNode, extra: readonly string[]): boolean {
  return Object.keys(node).every((key) => NODE_KEYS.has(key) || extra.includes(key));
}

// --- literals -------------------------------------------------------------

/** Literals, and array/object constructors of literals, fold into one (frozen) constant. */
function literal(node: AstNode): FastProgram | undefined {
  const folded = fold(node);
  if (!folded) return undefined;
  const value = folded.value;
  return indexed(() => value, node['predicate']);
}

function fold(node: AstNode): { value: unknown } | undefined {
  if (node.type === 'string' || node.type === 'number' || node.type === 'value') {
    return only(node, ['predicate']) ? { value: node.value } : undefined;
  }
  if (node.type !== 'unary' || !only(node, ['expressions', 'lhs'])) return undefined;
  if (node.value === '[') return foldArray(node['expressions'] as AstNode[]);
  if (node.value === '{') return foldObject(node['lhs'] as [AstNode, AstNode][]);
  return undefined;
}

// An item that is itself an array would be flattened unless it is a
// constructor: only scalars and constructors fold.
function foldArray(items: readonly AstNode[]): { value: unknown } | undefined {
  const values: unknown[] = [];
  for (const item of items) {
    const folded = fold(item);
    if (!folded || (Array.isArray(folded.value) && item.value !== '[') || item['predicate']) return undefined;
    values.push(folded.value);
  }
  return { value: Object.freeze(values) };
}

// Duplicate keys are a JSONata error (D1009): left to JSONata.
function foldObject(pairs: readonly [AstNode, AstNode][]): { value: unknown } | undefined {
  const object: Record<string, unknown> = {};
  for (const [keyNode, valueNode] of pairs) {
    const key = keyNode.type === 'string' && only(keyNode, []) ? (keyNode.value as string) : undefined;
    const folded = fold(valueNode);
    if (key === undefined || Object.hasOwn(object, key) || !folded || valueNode['predicate']) return undefined;
    object[key] = folded.value;
  }
  return { value: Object.freeze(object) };
}

// --- variables and paths --------------------------------------------------

function variable(name: string): FastProgram {
  // `$` is the context and `$$` the root: at the top of an expression, both the input.
  if (name === '' || name === '$') return (context) => context;
  return (_context, vars) => vars[name];
}

function path(steps: readonly AstNode[], compile: (node: AstNode) => FastProgram | undefined): FastProgram | undefined {
  const [first, ...rest] = steps;
  if (!first || !rest.every((step) => step.type === 'name' && only(step, ['stages']) && indexesOf(step['stages']))) return undefined;
  // A first step that is not a variable runs once per item of an array context.
  const start = first.type === 'name' ? nameStep(first) : compile(first);
  if (!start) return undefined;
  const perItem = first.type !== 'variable';
  const names = rest.map((step) => ({ name: step.value as string, indexes: indexesOf(step['stages'])! }));
  return (context, vars) => {
    if (perItem && Array.isArray(context)) return FALLBACK;
    return then(start(context, vars), (value) => {
      let current = value;
      for (const { name, indexes } of names) {
        if (current === undefined) return undefined;
        // JSONata maps a step over an array and flattens the results.
        if (Array.isArray(current)) return FALLBACK;
        current = applyIndexes(lookup(current, name), indexes);
      }
      return current;
    });
  };
}

function nameStep(step: AstNode): FastProgram | undefined {
  const indexes = only(step, ['stages']) ? indexesOf(step['stages']) : undefined;
  if (!indexes) return undefined;
  const name = step.value as string;
  return (context) => applyIndexes(lookup(context, name), indexes);
}

/** JSONata's lookup of a name in one (non-array) value; like JSONata, it skips anything bearing a function marker. */
function lookup(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const marked = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  if (marked._jsonata_function === true || marked._jsonata_lambda === true) return undefined;
  return Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}

// --- [n] indexes ------------------------------------------------------------

/** The numbers of `[n]` filters, or undefined when a filter is anything else. */
function indexesOf(filters: unknown): number[] | undefined {
  if (filters === undefined) return [];
  const indexes: number[] = [];
  for (const filter of filters as AstNode[]) {
    const expr = filter['expr'] as AstNode | undefined;
    if (filter.type !== 'filter' || expr?.type !== 'number' || !only(filter, ['expr']) || !only(expr, [])) return undefined;
    indexes.push(expr.value as number);
  }
  return indexes;
}

function indexed(program: FastProgram, filters: unknown): FastProgram | undefined {
  const indexes = indexesOf(filters);
  if (!indexes) return undefined;
  return indexes.length === 0 ? program : (context, vars) => then(program(context, vars), (value) => applyIndexes(value, indexes));
}

/** JSONata's `[n]`: a single value is a sequence of one; negative counts from the end; fractions round down. */
function applyIndexes(value: unknown, indexes: readonly number[]): unknown {
  let current = value;
  for (const index of indexes) {
    const items = Array.isArray(current) ? current : [current];
    const i = Math.floor(index);
    current = items[i < 0 ? items.length + i : i];
  }
  return current;
}

// --- function calls --------------------------------------------------------

type Builtin = (args: readonly unknown[]) => unknown;

const isText = (value: unknown) => typeof value === 'string';
const textOrMissing = (value: unknown) => value === undefined || typeof value === 'string';

/** JSONata built-ins reproduced exactly for the argument types they accept here; FALLBACK otherwise. */
const BUILTINS: Readonly<Record<string, Builtin>> = {
  split: ([text, separator, limit, ...extra]) => {
    if (extra.length || !textOrMissing(text) || !isText(separator) || !(limit === undefined || (typeof limit === 'number' && limit >= 0))) return FALLBACK;
    if (text === undefined) return undefined;
    return limit === undefined || limit > 0 ? (text as string).split(separator as string, limit) : [];
  },
  lowercase: (args) => unaryText(args, (text) => text.toLowerCase()),
  uppercase: (args) => unaryText(args, (text) => text.toUpperCase()),
  trim: (args) => unaryText(args, (text) => text.replace(/[ \t\n\r]+/gm, ' ').replace(/^ /, '').replace(/ $/, '')),
  substringBefore: (args) => binaryText(args, (text, chars) => (text.includes(chars) ? text.slice(0, text.indexOf(chars)) : text)),
  substringAfter: (args) => binaryText(args, (text, chars) => (text.includes(chars) ? text.slice(text.indexOf(chars) + chars.length) : text)),
  contains: ([text, token, ...extra]) => {
    if (extra.length || !textOrMissing(text) || !textOrMissing(token)) return FALLBACK;
    return text === undefined || token === undefined ? undefined : (text as string).includes(token as string);
  },
  exists: (args) => (args.length === 1 ? args[0] !== undefined : FALLBACK),
};

function unaryText(args: readonly unknown[], run: (text: string) => unknown): unknown {
  if (args.length !== 1 || !textOrMissing(args[0])) return FALLBACK;
  return args[0] === undefined ? undefined : run(args[0] as string);
}

function binaryText(args: readonly unknown[], run: (text: string, chars: string) => unknown): unknown {
  if (args.length !== 2 || !textOrMissing(args[0]) || !isText(args[1])) return FALLBACK;
  return args[0] === undefined ? undefined : run(args[0] as string, args[1] as string);
}

function call(
  node: AstNode,
  source: string,
  functions: ReadonlyMap<string, KgateFunction>,
  compile: (node: AstNode) => FastProgram | undefined,
): FastProgram | undefined {
  const procedure = node['procedure'] as AstNode;
  if (!only(node, ['name', 'arguments', 'procedure', 'predicate']) || procedure.type !== 'variable' || !only(procedure, [])) return undefined;
  const name = procedure.value as string;
  const kgate = functions.get(name);
  const apply = kgate ? kgateCall(kgate, source) : JSONATA_BUILTINS.has(name) ? BUILTINS[name] : undefined;
  const args = (node['arguments'] as AstNode[]).map(compile);
  if (!apply || !args.every((arg) => arg !== undefined)) return undefined;
  const programs = args as FastProgram[];
  return indexed((context, vars) => {
    // A binding of the function's name shadows the function.
    if (Object.hasOwn(vars, name)) return FALLBACK;
    return then(all(programs.map((arg) => arg(context, vars))), (values) => apply(values as unknown[]));
  }, node['predicate']);
}

function kgateCall(fn: KgateFunction, source: string): Builtin {
  const fail = (error: unknown): never => {
    throw toEvaluationError(source, error, fn.name);
  };
  return (args) => {
    if (!acceptsAsIs(fn, args)) return FALLBACK;
    try {
      const result = fn.implementation(...args);
      return result instanceof Promise ? result.catch(fail) : result;
    } catch (error) {
      return fail(error);
    }
  };
}

// --- FALLBACK-aware sequencing ------------------------------------------------

function then(value: MaybePromise<unknown>, next: (value: unknown) => MaybePromise<unknown>): MaybePromise<unknown> {
  if (value instanceof Promise) return value.then((settled) => (settled === FALLBACK ? FALLBACK : next(settled)));
  return value === FALLBACK ? FALLBACK : next(value);
}

/** The argument values, FALLBACK if any is, a promise if any is. */
function all(values: MaybePromise<unknown>[]): MaybePromise<unknown> {
  if (values.some((value) => value instanceof Promise)) return Promise.all(values).then(all);
  return values.includes(FALLBACK) ? FALLBACK : values;
}
