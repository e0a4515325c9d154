// Removes protoc-gen-validate annotations from a .proto source.
//
// Why: @grpc/grpc-js-xds bundles a validate.proto older than its Envoy tree
// (no `ignore_empty`), so the tree does not compile as shipped. kgate never
// reads validation rules, so the build compiles a copy without them instead
// of patching vendored files.

/** Index just past the string literal, comment or single character at i. */
function skipAtom(src, i) {
  const c = src[i];
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '/' && src[i + 1] === '/') {
    const end = src.indexOf('\n', i);
    return end === -1 ? src.length : end;
  }
  if (c === '/' && src[i + 1] === '*') {
    const end = src.indexOf('*/', i + 2);
    return end === -1 ? src.length : end + 2;
  }
  return i + 1;
}

/** Splits the inside of `[...]` into its top-level comma-separated entries. */
function splitOptions(body) {
  const entries = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if ('[{('.includes(c)) depth++;
    else if (']})'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      entries.push(body.slice(start, i));
      start = i + 1;
    }
    i = skipAtom(body, i);
  }
  entries.push(body.slice(start));
  return entries;
}

/** Index of the bracket closing the one opened at `open`. */
function matching(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; ) {
    const c = src[i];
    if ('[{('.includes(c)) depth++;
    else if (']})'.includes(c) && --depth === 0) return i;
    i = skipAtom(src, i);
  }
  throw new Error(`unbalanced bracket at offset ${open}`);
}

const isValidate = (entry) => /^\s*\(validate\./.test(entry);
const VALIDATE_IMPORT = /^\s*import\s+"validate\/validate\.proto";\s*$/;
const VALIDATE_OPTION = /^option\s+\(validate\.[\s\S]*?;/;

export function stripValidate(src) {
  let out = '';
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === '[') {
      const close = matching(src, i);
      const kept = splitOptions(src.slice(i + 1, close)).filter((e) => !isValidate(e));
      out += kept.length ? `[${kept.join(',')}]` : '';
      i = close + 1;
      continue;
    }
    const statement = c === 'o' && /[\s;{}]/.test(src[i - 1] ?? ' ') ? VALIDATE_OPTION.exec(src.slice(i)) : null;
    if (statement) {
      i += statement[0].length;
      continue;
    }
    const next = skipAtom(src, i);
    out += src.slice(i, next);
    i = next;
  }
  return out
    .split('\n')
    .filter((line) => !VALIDATE_IMPORT.test(line))
    .join('\n');
}
