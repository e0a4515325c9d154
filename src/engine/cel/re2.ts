// CEL's `matches` on RE2, as cel-go runs it. cel-js implements
// `string.matches(string)` with JavaScript's backtracking RegExp: one
// 28-byte header against `^(a+)+$` held the event loop for 12 s. Its
// overload cannot be replaced, so each `matches(` call in a policy's source
// (outside string literals and comments) is compiled as `matchRe(`, a
// function of the same name length (error columns stay right) running on re2js.
import type { Environment } from '@marcbachmann/cel-js';
import { EvaluationError } from '../types.js';
import { goRegExp } from '../go/regexp.js';

const NAME = 'matches';
const REPLACEMENT = 'matchRe';

export function registerRe2Matches(env: Environment): void {
  const run = (subject: string, pattern: string): boolean => {
    try {
      return goRegExp(pattern).test(subject);
    } catch (error) {
      throw new EvaluationError(`matches: ${(error as Error).message}`);
    }
  };
  env.registerFunction(`string.${REPLACEMENT}(string): bool`, run);
  env.registerFunction(`${REPLACEMENT}(string, string): bool`, run);
}

/**
 * `source` with every call of `matches` (method or function form) renamed;
 * string literals and comments untouched. A pattern written as a literal is
 * compiled here: one RE2 refuses (a backreference, a lookaround) fails the
 * policy at load, not each request.
 */
export function rewriteMatches(source: string): string {
  if (!source.includes(NAME)) return source;
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += source.slice(i, stop);
      i = stop;
      continue;
    }
    const literal = stringLiteral(source, i);
    if (literal > i) {
      out += source.slice(i, literal);
      i = literal;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let end = i + 1;
      while (end < source.length && /\w/.test(source[end]!)) end++;
      const word = source.slice(i, end);
      let next = end;
      while (next < source.length && /\s/.test(source[next]!)) next++;
      const call = word === NAME && source[next] === '(';
      out += call ? REPLACEMENT : word;
      i = end;
      if (call) {
        const pattern = literalPattern(source, next + 1);
        if (pattern !== undefined) goRegExp(pattern);
      }
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** The end of the string or bytes literal starting at `i` (prefixes r, b, rb, br in any case; ' " ''' """), or `i` when none starts there. */
function stringLiteral(source: string, i: number): number {
  let at = i;
  let raw = false;
  while (at < i + 2 && /[rRbB]/.test(source[at] ?? '')) {
    if (/[rR]/.test(source[at]!)) raw = true;
    at++;
  }
  const quote = source[at];
  if (quote !== '"' && quote !== "'") return i;
  if (at > i && /\w/.test(source[i - 1] ?? '')) return i;
  const triple = source.startsWith(quote.repeat(3), at);
  const close = triple ? quote.repeat(3) : quote;
  let j = at + close.length;
  while (j < source.length) {
    if (!raw && source[j] === '\\') {
      j += 2;
      continue;
    }
    if (source.startsWith(close, j)) return j + close.length;
    if (!triple && source[j] === '\n') return j;
    j++;
  }
  return source.length;
}

/** The pattern of a string literal right after `(` (spaces allowed), when it has no escapes but `\\`; else undefined. */
function literalPattern(source: string, from: number): string | undefined {
  let at = from;
  while (at < source.length && /\s/.test(source[at]!)) at++;
  const end = stringLiteral(source, at);
  if (end === at) return undefined;
  let next = end;
  while (next < source.length && /\s/.test(source[next]!)) next++;
  if (source[next] !== ')' && source[next] !== ',') return undefined;
  const text = source.slice(at, end);
  const raw = /^[rR]/.test(text);
  const body = /^[rR]?(["'])(.*)\1$/s.exec(text)?.[2];
  if (body === undefined || /^(["'])\1\1/.test(text.replace(/^[rR]/, ''))) return undefined;
  if (raw) return body;
  if (/\\[^\\]/.test(body.replace(/\\\\/g, ''))) return undefined;
  return body.replace(/\\\\/g, '\\');
}
