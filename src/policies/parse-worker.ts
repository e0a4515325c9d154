// The parse worker (policies/parse.ts): parses one policy text with the
// engine's parser and limits, then hands the documents over in chunks, one
// per `next` request, so the main thread takes them a turn at a time.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { parseDocuments } from '../engine/policy/documents.js';
import { PolicyError } from '../engine/types.js';
import { chunks } from './transfer.js';

const { text, source } = workerData as { text: string; source: string };
lowerPriority();
const port = parentPort!;
try {
  const pieces = chunks(parseDocuments(text, source));
  port.on('message', () => {
    const next = pieces.next();
    port.postMessage(next.done ? { done: true } : { ops: next.value });
  });
  port.postMessage({ parsed: true });
} catch (error) {
  port.postMessage({
    error:
      error instanceof PolicyError
        ? { policy: true, source: error.source, path: error.path, reason: error.reason, document: error.document }
        : { message: error instanceof Error ? error.message : String(error) },
  });
}

/**
 * Checks come first: on Linux this thread (/proc/thread-self names its id)
 * runs at the lowest priority, so on a busy node the parse waits, not the
 * event loop of the main thread. Elsewhere it runs at the process's priority.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch {
    // Not Linux, or not allowed: same priority as the main thread.
  }
}
