// Go (RE2) regular expressions: Kyverno's regex_* functions take Go syntax and
// run in linear time, so they run on re2js (a port of RE2): Go's syntax and
// semantics as they are, and no pattern or subject can make a match
// backtrack. Compiled patterns are cached in a bounded LRU: policies repeat
// them per request, and a pattern may come from request data.
import { RE2JS } from 're2js';
import { Lru } from '../cache/lru.js';

const cache = new Lru<string, RE2JS>(256);

export function goRegExp(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (!re) {
    try {
      re = RE2JS.compile(pattern);
    } catch (error) {
      const message = (error as Error).message;
      throw new Error(message.startsWith('error parsing regexp') ? message : `error parsing regexp: ${message}: \`${pattern}\``);
    }
    cache.set(pattern, re);
  }
  return re;
}

/** Regexp.Expand's template language: `$1`, `${1}`, `$name`, `${name}`, `$$`; unknown groups are empty. */
function expandTemplate(template: string, group: (name: string) => string | null | undefined): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (whole, _all: string, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    return group((braced ?? bare) as string) ?? '';
  });
}

export function regexMatch(pattern: string, subject: string): boolean {
  return goRegExp(pattern).test(subject);
}

export function regexReplaceAll(pattern: string, subject: string, template: string): string {
  const re = goRegExp(pattern);
  const names = re.namedGroups();
  const count = re.groupCount();
  return replaceAll(re, subject, (m) =>
    expandTemplate(template, (name) => {
      const index = /^\d+$/.test(name) ? Number(name) : names[name];
      return index !== undefined && index <= count ? m.group(index) : undefined;
    }),
  );
}

export function regexReplaceAllLiteral(pattern: string, subject: string, replacement: string): string {
  return replaceAll(goRegExp(pattern), subject, () => replacement);
}

type Match = ReturnType<RE2JS['matcher']>;

/** Go's Regexp.replaceAll loop: an empty match right after a match is skipped, and the search always advances. */
function replaceAll(re: RE2JS, subject: string, replace: (m: Match) => string): string {
  const m = re.matcher(subject);
  let out = '';
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= subject.length && m.find(searchPos)) {
    const start = m.start();
    const end = m.end();
    out += subject.slice(lastEnd, start);
    if (end > lastEnd || start === 0) out += replace(m);
    lastEnd = end;
    const code = subject.codePointAt(searchPos);
    const width = code === undefined ? 0 : code > 0xffff ? 2 : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + subject.slice(lastEnd);
}
