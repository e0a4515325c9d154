// What a fast program is, and how fast programs are sequenced. A fast
// program answers a value (undefined for no match), FALLBACK (JSONata must
// answer instead), or a promise of either when a kgate function is
// asynchronous. The synchronous path allocates no closure: per-call state
// travels as arguments.
import type { MaybePromise } from '../../../types.js';
import type { AstNode } from '../ast.js';
import type { KgateFunction } from '../functions.js';
import { isPromise, recover } from '../../../async.js';

export const FALLBACK: unique symbol = Symbol('run jsonata');
export type Fallback = typeof FALLBACK;
/** The value of a variable no binding names. */
export const UNBOUND: unique symbol = Symbol('unbound');
/** The values of the variables an expression reads, in the order of its `variables` (UNBOUND for a name not bound). */
export type Vars = readonly unknown[];
export type FastProgram = (context: unknown, vars: Vars) => MaybePromise<unknown>;
/** Compiles a sub-expression: undefined when it has no fast program. */
export type CompileNode = (node: AstNode) => FastProgram | undefined;

/** What compiling an expression knows beside its AST. */
export interface Compilation {
  /** The expression, for error messages. */
  readonly source: string;
  readonly functions: ReadonlyMap<string, KgateFunction>;
  /** Each free variable's slot in Vars. */
  readonly slots: ReadonlyMap<string, number>;
}

const NODE_KEYS = new Set(['type', 'value', 'position']);

/** True when the node has no keys but the basic ones and `extra`: anything else (focus, group, keepArray, consarray...) is JSONata's business. */
export function only(node: AstNode, extra: readonly string[]): boolean {
  return Object.keys(node).every((key) => NODE_KEYS.has(key) || extra.includes(key));
}

/** Compiles every node, or none: undefined when one has no fast program. */
export function compileEach(nodes: readonly AstNode[], compile: CompileNode): FastProgram[] | undefined {
  const programs: FastProgram[] = [];
  for (const node of nodes) {
    const program = compile(node);
    if (!program) return undefined;
    programs.push(program);
  }
  return programs;
}

/** `next(value, a, b)` once `value` settles; FALLBACK passes through. */
export function chain<A, B>(value: MaybePromise<unknown>, next: (value: unknown, a: A, b: B) => MaybePromise<unknown>, a: A, b: B): MaybePromise<unknown> {
  if (isPromise(value)) return value.then((settled) => (settled === FALLBACK ? FALLBACK : next(settled, a, b)));
  return value === FALLBACK ? FALLBACK : next(value, a, b);
}

/**
 * The programs' values in order, each program run once the previous value
 * settled (JSONata's order for function arguments); FALLBACK if any is.
 */
export function runEach(programs: readonly FastProgram[], context: unknown, vars: Vars): MaybePromise<unknown[] | Fallback> {
  const values: unknown[] = [];
  for (const program of programs) {
    const value = program(context, vars);
    if (isPromise(value)) return runRest(programs, context, vars, values, value);
    if (value === FALLBACK) return FALLBACK;
    values.push(value);
  }
  return values;
}

async function runRest(
  programs: readonly FastProgram[],
  context: unknown,
  vars: Vars,
  values: unknown[],
  pending: Promise<unknown>,
): Promise<unknown[] | Fallback> {
  for (let value = await pending; ; value = await programs[values.length]!(context, vars)) {
    if (value === FALLBACK) return FALLBACK;
    values.push(value);
    if (values.length === programs.length) return values;
  }
}

const fallBack = (): Fallback => FALLBACK;

/**
 * The program, answering FALLBACK where it fails: for constructs where
 * JSONata reports a failure of a part differently (re-tagged with an
 * operator, or whichever of concurrently evaluated parts fails first).
 */
export function failureFallsBack(program: FastProgram): FastProgram {
  return (context, vars) => {
    try {
      const value = program(context, vars);
      return recover(value, fallBack);
    } catch {
      return FALLBACK;
    }
  };
}
