// Parsing a policy file without stalling the event loop: yaml parses a
// 6 MB, 20,000-rule file in seconds, in one synchronous call. Small texts
// (most files) are parsed here; larger ones in a worker thread, whose
// documents come back in chunks (transfer.ts). Same parser, limits and
// errors either way.
import { Worker } from 'node:worker_threads';
import { type ParsedDocument, parseDocuments } from '../engine/policy/documents.js';
import { PolicyError } from '../engine/types.js';
import { Assembler, type Op } from './transfer.js';

/** Texts up to this many characters are parsed on the main thread (a few ms). */
export const INLINE_PARSE_CHARS = 16 * 1024;

type Reply =
  | { parsed: true }
  | { done: true }
  | { ops: Op[] }
  | { error: { policy: true; source: string; path: string; reason: string; document?: number } | { policy?: undefined; message: string } };

export function parsePolicyText(text: string, source: string): Promise<ParsedDocument[]> {
  if (text.length <= INLINE_PARSE_CHARS) return Promise.resolve().then(() => parseDocuments(text, source));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: { text, source } });
    const assembler = new Assembler();
    let settled = false;
    const finish = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve(assembler.value as ParsedDocument[]);
    };
    worker.on('message', (reply: Reply) => {
      try {
        if ('error' in reply) {
          const e = reply.error;
          return finish(e.policy ? new PolicyError(e.source, e.path, e.reason, e.document) : new PolicyError(source, '', e.message));
        }
        if ('done' in reply) return finish(undefined);
        if ('ops' in reply) assembler.apply(reply.ops);
        worker.postMessage('next');
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    });
    worker.on('error', (error) => finish(new PolicyError(source, '', `could not be parsed: ${error.message}`)));
    worker.on('exit', (code) => finish(new PolicyError(source, '', `could not be parsed: the parse worker exited with code ${code}`)));
  });
}
