// One CEL expression compiled once (parsed and type-checked by cel-js) and
// evaluated many times.
import { rewriteMatches } from './re2.js';
import type { Environment } from '@marcbachmann/cel-js';
import type { MaybePromise } from '../types.js';
import { errorText } from '../types.js';

export interface CelProgram {
  readonly source: string;
  /** The type cel-js inferred (`dyn` when only the value can tell). */
  readonly type: string;
  /** Names of `variables.<name>` the expression mentions. */
  readonly variables: readonly string[];
  evaluate(context: Record<string, unknown>): MaybePromise<unknown>;
}

/** Where a compile error points: line and column of cel-js's caret, and its one-line reason. */
export class CelCompileError extends Error {
  constructor(
    readonly reason: string,
    readonly position: string | undefined,
  ) {
    super(position ? `${reason} (at ${position})` : reason);
    this.name = 'CelCompileError';
  }
}

const VARIABLE_REFERENCE = /\bvariables\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g;

/** `checker`: a twin environment with typed variables, used only to refuse what it finds wrong (environment.ts). */
export function compileCel(env: Environment, source: string, checker?: Environment): CelProgram {
  let run: (context: Record<string, unknown>) => unknown;
  let type: string;
  try {
    const rewritten = rewriteMatches(source);
    const parsed = env.parse(rewritten);
    const checked = parsed.check();
    if (!checked.valid) throw checked.error;
    if (checker) {
      const typed = checker.check(rewritten);
      if (!typed.valid) throw typed.error;
    }
    type = String(checked.type);
    run = parsed as unknown as (context: Record<string, unknown>) => unknown;
  } catch (error) {
    throw compileError(error, source);
  }
  const variables = [...new Set([...source.matchAll(VARIABLE_REFERENCE)].map((m) => m[1]!))];
  return { source, type, variables, evaluate: (context) => run(context) as MaybePromise<unknown> };
}

/** cel-js messages are `reason\n\n>  1 | source\n     ^`: keep the reason, turn the caret into line:column. */
function compileError(error: unknown, source: string): CelCompileError {
  const text = errorText(error);
  const [reason = text] = text.split('\n');
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^>\s*\d+ \|/.test(l));
  let position: string | undefined;
  if (at !== -1 && lines[at + 1] !== undefined) {
    const line = Number(/^>\s*(\d+)/.exec(lines[at]!)![1]);
    const prefix = lines[at]!.indexOf('|') + 2;
    const column = lines[at + 1]!.indexOf('^') - prefix + 1;
    if (column > 0) position = `line ${line}, column ${column}`;
  } else if (source.length === 0) position = 'line 1, column 1';
  return new CelCompileError(reason.trim(), position);
}
