// Policy and payload files: YAML (one or many `---` documents) or JSON (a
// YAML subset). Empty documents (nothing, or only comments) are skipped, as
// kyverno-json's loader skips them. Size limits (limits.ts) are checked on
// the text before parsing and on each document before anything compiles it.
import { isScalar, parseAllDocuments } from 'yaml';
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
  const documents = parseAllDocuments(text);
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

/** Throws a PolicyError naming the field path of the first limit `value` breaks. */
export function assertWithinLimits(value: unknown, source: string, document: number | undefined, limits: DocumentLimits = DOCUMENT_LIMITS): void {
  const breach = findLimitBreach(value, limits);
  if (breach) throw new PolicyError(source, breach.path, breach.reason, document);
}

function tooDeep(reason: string): string {
  return reason === 'Maximum call stack size exceeded' ? 'nested too deep' : reason;
}
