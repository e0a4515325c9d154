// Structured logs (pino, JSON lines on stdout).
import { pino } from 'pino';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Default bound of log bytes accepted but not yet written (see BoundedDestination). */
export const DEFAULT_LOG_BUFFER_BYTES = 4 * 1024 * 1024;
/**
 * Asynchronous log output with a bounded backlog. Under load sonic-boom
 * coalesces many decision lines into one write instead of a syscall per
 * request; when the reader (a pipe, a log agent) falls behind, the backlog is
 * what grows. Decision lines are the bulk and the droppable part: they are
 * refused once `maxPendingBytes` wait (see admits()); other lines still go
 * through up to twice that, past which sonic-boom drops them too. Memory
 * never grows beyond the bound, whatever the load.
 */
export class BoundedDestination {
    maxPendingBytes;
    pending = 0;
    droppedOther = 0;
    boom;
    constructor(fd, maxPendingBytes) {
        this.maxPendingBytes = maxPendingBytes;
        this.boom = pino.destination({ dest: fd, sync: false, maxLength: 2 * maxPendingBytes });
        this.boom.on('write', (n) => (this.pending -= n));
        this.boom.on('drop', (data) => {
            this.pending -= Buffer.byteLength(data);
            this.droppedOther++;
        });
    }
    /** Bytes accepted and not yet written. */
    get pendingBytes() {
        return this.pending;
    }
    /** Non-decision lines lost because even the hard bound was reached. */
    get droppedLines() {
        return this.droppedOther;
    }
    /** Whether a droppable (decision) line may be written now. */
    admits() {
        return this.pending < this.maxPendingBytes;
    }
    write(line) {
        this.pending += Buffer.byteLength(line);
        this.boom.write(line);
    }
    flush(done) {
        this.boom.flush(done);
    }
    flushSync() {
        this.boom.flushSync();
    }
    end() {
        this.boom.end();
    }
    destroy() {
        this.boom.destroy();
    }
}
export function createLogger(level, destination, bufferBytes = DEFAULT_LOG_BUFFER_BYTES) {
    if (!LOG_LEVELS.includes(level)) {
        throw new Error(`--log-level: ${JSON.stringify(level)} is not one of ${LOG_LEVELS.join(', ')}`);
    }
    return pino({ level, base: { service: 'kgate' } }, destination ?? new BoundedDestination(1, bufferBytes));
}
/** The logger's bounded backlog, when it writes to one (tests may log to a plain stream). */
export function logBacklog(logger) {
    const stream = logger[pino.symbols.streamSym];
    return stream instanceof BoundedDestination ? stream : undefined;
}
//# sourceMappingURL=logger.js.map