// Policy and payload files: YAML (one or many `---` documents) or JSON (a
// YAML subset). Empty documents (nothing, or only comments) are skipped, as
// kyverno-json's loader skips them. Size limits (limits.ts) are checked on
// the text before parsing and on each document before anything compiles it.
import { isAlias, isDocument, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { PolicyError } from '../types.js';
import { DOCUMENT_LIMITS, type DocumentLimits, findLimitBreach } from './limits.js';

export interface ParsedDocument {
  /** 0-based position of the document in the file, empty ones counted. */
  readonly index: number;
  readonly value: unknown;
}

export function parseDocuments(text: string, source: string, limits: DocumentLimits = DOCUMENT_LIMITS): ParsedDocument[] {
  const format = /\.json$/i.test(source) ? 'JSON' : 'YAML';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) throw new PolicyError(source, '', `${bytes} bytes, more than the limit of ${limits.maxBytes}`);
  const lineCounter = new LineCounter();
  // yaml's own duplicate-key check compares each key with every earlier one (quadratic: 40,000 keys took 36 s); ours is linear.
  const documents = parseAllDocuments(text, { uniqueKeys: false, lineCounter });
  const many = documents.length > 1;
  const out: ParsedDocument[] = [];
  documents.forEach((doc, index) => {
    const document = many ? index : undefined;
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
      throw new PolicyError(source, '', `invalid ${format}${at ? ` at line ${at.line}, column ${at.col}` : ''}: ${tooDeep(reason)}`, document);
    }
    const duplicate = duplicateKey(doc);
    if (duplicate !== undefined) {
      const at = lineCounter.linePos(duplicate);
      throw new PolicyError(source, '', `invalid ${format} at line ${at.line}, column ${at.col}: Map keys must be unique`, document);
    }
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null && contents.source === '')) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    } catch (error) {
      throw new PolicyError(source, '', `invalid ${format}: ${tooDeep((error as Error).message)}`, document);
    }
    assertWithinLimits(value, source, document, limits);
    out.push({ index, value });
  });
  return out;
}

/**
 * The offset of the first map key equal to an earlier key of its map, as
 * yaml's uniqueKeys compares them (the same node, or scalars with the same
 * value), found with one set per map. Walked without recursion.
 */
function duplicateKey(doc: Document.Parsed): number | undefined {
  const stack: unknown[] = [doc.contents];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || seen.has(node) || isAlias(node) || isScalar(node) || isDocument(node)) continue;
    seen.add(node);
    if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
      for (const item of node.items) if (isPair(item)) stack.push(item.key);
      continue;
    }
    if (!isMap(node)) continue;
    const keys = new Set<unknown>();
    for (const pair of node.items) {
      const key = pair.key;
      const identity = isScalar(key) ? key.value : key;
      if (keys.has(identity)) return (isScalar(key) || isMap(key) || isSeq(key) ? key.range?.[0] : undefined) ?? node.range?.[0] ?? 0;
      keys.add(identity);
      stack.push(pair.value, key);
    }
  }
  return undefined;
}

/** Throws a PolicyError naming the field path of the first limit `value` breaks. */
export function assertWithinLimits(value: unknown, source: string, document: number | undefined, limits: DocumentLimits = DOCUMENT_LIMITS): void {
  const breach = findLimitBreach(value, limits);
  if (breach) throw new PolicyError(source, breach.path, breach.reason, document);
}

function tooDeep(reason: string): string {
  return reason === 'Maximum call stack size exceeded' ? 'nested too deep' : reason;
}
