// Policy and payload files: YAML (one or many `---` documents) or JSON (a
// YAML subset). Empty documents (nothing, or only comments) are skipped, as
// kyverno-json's loader skips them.
import { isScalar, parseAllDocuments } from 'yaml';
import { PolicyError } from '../types.js';

export interface ParsedDocument {
  /** 0-based position of the document in the file, empty ones counted. */
  readonly index: number;
  readonly value: unknown;
}

export function parseDocuments(text: string, source: string): ParsedDocument[] {
  const documents = parseAllDocuments(text);
  const many = documents.length > 1;
  const out: ParsedDocument[] = [];
  documents.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
      throw new PolicyError(source, '', `invalid YAML${at ? ` at line ${at.line}, column ${at.col}` : ''}: ${reason}`, many ? index : undefined);
    }
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null && contents.source === '')) return;
    out.push({ index, value: doc.toJS() as unknown });
  });
  return out;
}
