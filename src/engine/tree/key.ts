// kyverno-json's expression.Parse: what a tree key (or a string leaf) says.
// Runs at compile time only. The regular expressions are kyverno-json's, with
// Go's ASCII `\s` spelled out.

/** `''`: no expression (plain key or literal). `default`: the compiler in force at that level. */
export type KeyCompiler = '' | 'default' | string;

export interface ParsedKey {
  readonly foreach: boolean;
  readonly foreachName: string;
  readonly statement: string;
  readonly binding: string;
  readonly compiler: KeyCompiler;
}

const FOREACH = /^~(\w+)?\.(.*)/;
const BINDING = /(.*)[\t\n\f\r ]*->[\t\n\f\r ]*(\w+)$/;
const ESCAPE = /^\\(.+)\\$/;
const COMPILER = /^\((?:(\w+);)?(.+)\)$/;

/** Tried in order: foreach `~name.`, binding `->name`, then escape `\...\` or compiler `(name;expr)`. */
export function parseKey(input: string): ParsedKey {
  let rest = input;
  let foreach = false;
  let foreachName = '';
  let binding = '';
  let compiler: KeyCompiler = '';
  const each = FOREACH.exec(rest);
  if (each) {
    foreach = true;
    foreachName = each[1] ?? '';
    rest = each[2] ?? '';
  }
  const bound = BINDING.exec(rest);
  if (bound) {
    binding = bound[2] ?? '';
    rest = bound[1] ?? '';
  }
  const escaped = ESCAPE.exec(rest);
  if (escaped) {
    rest = escaped[1] ?? '';
  } else {
    const compiled = COMPILER.exec(rest);
    if (compiled) {
      compiler = compiled[1] || 'default';
      rest = compiled[2] ?? '';
    }
  }
  return { foreach, foreachName, statement: rest, binding, compiler };
}
