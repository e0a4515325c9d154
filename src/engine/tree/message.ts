// Assertion messages with `{{ expr }}` templates (kyverno-json's message
// package): always JMESPath, evaluated on the whole payload; a template that
// fails renders in place as `ERR (...)` instead of failing the rule.
import type { Compiler, EvalScope, Expression, MaybePromise } from '../types.js';
import { DeadlineExceededError } from '../types.js';
import { errorText } from '../types.js';
import { isPromise } from '../async.js';

const TEMPLATE = /{{(.*?)}}/g;

interface Substitution {
  readonly placeholder: string;
  readonly statement: string;
  readonly expression?: Expression;
  /** A template that does not compile renders its error at every use, as kyverno-json's lazy parse does. */
  readonly compileError?: string;
}

export type MessageProgram = (payload: unknown, scope: EvalScope) => MaybePromise<string>;

export function compileMessage(message: string, jp: Compiler): MessageProgram {
  const substitutions: Substitution[] = [...message.matchAll(TEMPLATE)].map(([placeholder, inner = '']) => {
    const statement = inner.trim();
    try {
      return { placeholder, statement, expression: jp.compile(statement) };
    } catch (error) {
      return { placeholder, statement, compileError: errorText(error) };
    }
  });
  if (substitutions.length === 0) return () => message;
  return (payload, scope) => substitute(message, substitutions, 0, payload, scope);
}

function substitute(out: string, list: readonly Substitution[], i: number, payload: unknown, scope: EvalScope): MaybePromise<string> {
  for (; i < list.length; i++) {
    const s = list[i] as Substitution;
    const rendered = render(s, payload, scope);
    if (isPromise(rendered)) {
      const next = i + 1;
      return rendered.then((text) =>
        substitute(
          out.replaceAll(s.placeholder, () => text),
          list,
          next,
          payload,
          scope,
        ),
      );
    }
    // A function replacement: `$` in the text must not be read as a pattern.
    out = out.replaceAll(s.placeholder, () => rendered);
  }
  return out;
}

function render(s: Substitution, payload: unknown, scope: EvalScope): MaybePromise<string> {
  if (!s.expression) return `ERR (${s.statement} - ${s.compileError})`;
  let result: MaybePromise<unknown>;
  try {
    result = s.expression.evaluate(payload, scope);
  } catch (error) {
    return failed(s, error);
  }
  return isPromise(result)
    ? result.then(
        (r) => text(s, r),
        (error: unknown) => failed(s, error),
      )
    : text(s, result);
}

function text(s: Substitution, result: unknown): string {
  if (result === null || result === undefined) return `ERR (${s.statement} not found)`;
  return typeof result === 'string' ? result : `ERR (${s.statement} not a string)`;
}

function failed(s: Substitution, error: unknown): string {
  if (error instanceof DeadlineExceededError) throw error;
  return `ERR (${s.statement} - ${errorText(error)})`;
}
