// Go (RE2) regular expressions on JS RegExp: Kyverno's regex_* functions take
// Go syntax. Translated: leading flag groups `(?i)` `(?s)` `(?m)`, named groups
// `(?P<name>...)`, `\A`, `\z`, `\Q...\E`, POSIX classes `[[:alpha:]]`, and
// `\pL`-style Unicode classes. Anything JS cannot express is refused with a
// clear error. Compiled patterns are cached: policies repeat them per request.

const CACHE_LIMIT = 256;
const cache = new Map<string, RegExp>();

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

export function goRegExp(pattern: string, global = false): RegExp {
  const key = `${global ? 'g' : '-'}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = translate(pattern, global);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

function translate(pattern: string, global: boolean): RegExp {
  let source = pattern;
  let flags = global ? 'g' : '';
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    const wanted = leading[1] as string;
    if (wanted.includes('U')) throw new Error(`error parsing regexp: ungreedy flag (?U) is not supported: \`${pattern}\``);
    flags += [...new Set(wanted)].join('');
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\\Q([\s\S]*?)(\\E|$)/g, (_, literal: string) => literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '(?<![\\s\\S])')
    .replace(/\\z/g, '(?![\\s\\S])')
    .replace(/\[:(\^?)(\w+):\]/g, (whole, negated: string, name: string) => {
      const set = POSIX_CLASSES[name];
      if (!set) throw new Error(`error parsing regexp: invalid character class range: \`${whole}\``);
      if (negated) throw new Error(`error parsing regexp: negated POSIX classes are not supported: \`${whole}\``);
      return set;
    });
  if (/\\[pP]/.test(source)) {
    flags += 'u';
    source = source.replace(/\\([pP])([A-Z])/g, '\\$1{$2}');
  }
  if (/\(\?[a-zA-Z]/.test(source.replace(/\(\?<[=!]?/g, ''))) {
    throw new Error(`error parsing regexp: flag groups other than a leading one are not supported: \`${pattern}\``);
  }
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new Error(`error parsing regexp: ${(error as Error).message}: \`${pattern}\``);
  }
}

/** Regexp.Expand's template language: `$1`, `${1}`, `$name`, `${name}`, `$$`; unknown groups are empty. */
export function expandTemplate(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (whole, _all: string, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare) as string;
    const value = /^\d+$/.test(name) ? match[Number(name)] : match.groups?.[name];
    return value ?? '';
  });
}

export function regexMatch(pattern: string, subject: string): boolean {
  return goRegExp(pattern).test(subject);
}

export function regexReplaceAll(pattern: string, subject: string, template: string): string {
  return subject.replace(goRegExp(pattern, true), (...args: unknown[]) => expandTemplate(template, toExec(args)));
}

export function regexReplaceAllLiteral(pattern: string, subject: string, replacement: string): string {
  return subject.replace(goRegExp(pattern, true), () => replacement);
}

/** String.replace hands the match as arguments; Expand wants the exec-style array. */
function toExec(args: unknown[]): RegExpExecArray {
  const hasGroups = typeof args[args.length - 1] === 'object';
  const end = hasGroups ? args.length - 3 : args.length - 2;
  const match = args.slice(0, end) as unknown as RegExpExecArray;
  if (hasGroups) match.groups = args[args.length - 1] as Record<string, string>;
  return match;
}
