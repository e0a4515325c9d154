// Fast programs for calls `$name(args)` of kgate functions and of the
// JSONata built-ins reproduced in builtins.ts. Arguments are
// evaluated in order, each once the previous one settled, as JSONata does.
import type { AstNode } from '../ast.js';
import { BUILTINS } from './builtins.js';
import { chain, type Compilation, type CompileNode, compileEach, FALLBACK, type FastProgram, only, runEach, UNBOUND } from './flow.js';
import { bearsFunctionMarker } from './values.js';
import { acceptsAsIs, type KgateFunction } from '../functions.js';
import { toEvaluationError } from '../values.js';
import { recover } from '../../../async.js';

type Apply = (values: unknown) => unknown;

export function call(node: AstNode, compilation: Compilation, compile: CompileNode): FastProgram | undefined {
  const procedure = node.procedure as AstNode;
  if (!only(node, ['name', 'arguments', 'procedure', 'predicate']) || procedure.type !== 'variable' || !only(procedure, [])) return undefined;
  const name = procedure.value as string;
  const slot = compilation.slots.get(name);
  const args = compileEach(node.arguments as AstNode[], compile);
  if (slot === undefined || !args) return undefined;
  const kgate = compilation.functions.get(name);
  if (kgate) return shadowable(slot, withArguments(args, kgateCall(kgate, compilation.source)));
  const builtin = BUILTINS.get(name);
  if (!builtin || args.length < builtin.minArgs || args.length > builtin.maxArgs) return undefined;
  const { run } = builtin;
  if (args.length > 1)
    return shadowable(
      slot,
      withArguments(args, (values) => (noneCallable(values) ? run(...(values as [unknown, unknown, unknown])) : FALLBACK)),
    );
  // One argument: no array of arguments.
  const [first] = args as [FastProgram];
  const runOne = (value: unknown) => (isCallable(value) ? FALLBACK : run(value, undefined, undefined));
  return shadowable(slot, (context, vars) => chain(first(context, vars), runOne, undefined, undefined));
}

// JSONata wraps an argument it takes for a function (data bearing its
// function marker included) in a closure first: such calls are its business.
const isCallable = (value: unknown) => typeof value === 'object' && value !== null && bearsFunctionMarker(value);
const noneCallable = (values: unknown) => !(values as unknown[]).some(isCallable);

/** A binding of the function's name shadows the function: JSONata then calls (or fails on) the binding. */
function shadowable(slot: number, program: FastProgram): FastProgram {
  return (context, vars) => (vars[slot] === UNBOUND ? program(context, vars) : FALLBACK);
}

function withArguments(args: readonly FastProgram[], apply: Apply): FastProgram {
  return (context, vars) => chain(runEach(args, context, vars), apply, undefined, undefined);
}

/** The function on arguments JSONata would pass unchanged; its failure named as JSONata names it. */
function kgateCall(fn: KgateFunction, source: string): Apply {
  const fail = (error: unknown): never => {
    throw toEvaluationError(source, error, fn.name);
  };
  return (values) => {
    const args = values as unknown[];
    if (!noneCallable(args) || !acceptsAsIs(fn, args)) return FALLBACK;
    try {
      const result = fn.apply(args);
      return recover(result, fail);
    } catch (error) {
      return fail(error);
    }
  };
}
