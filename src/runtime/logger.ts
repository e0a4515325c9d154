// Structured logs (pino, JSON lines on stdout).
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
export class BoundedDestination implements DestinationStream {
  private pending = 0;
  private droppedOther = 0;
  private readonly boom: ReturnType<typeof pino.destination>;

  constructor(
    fd: number,
    readonly maxPendingBytes: number,
  ) {
    this.boom = pino.destination({ dest: fd, sync: false, maxLength: 2 * maxPendingBytes });
    this.boom.on('write', (n: number) => (this.pending -= n));
    this.boom.on('drop', (data: string) => {
      this.pending -= Buffer.byteLength(data);
      this.droppedOther++;
    });
  }

  /** Bytes accepted and not yet written. */
  get pendingBytes(): number {
    return this.pending;
  }

  /** Non-decision lines lost because even the hard bound was reached. */
  get droppedLines(): number {
    return this.droppedOther;
  }

  /** Whether a droppable (decision) line may be written now. */
  admits(): boolean {
    return this.pending < this.maxPendingBytes;
  }

  write(line: string): void {
    this.pending += Buffer.byteLength(line);
    this.boom.write(line);
  }

  flush(done?: (error?: Error) => void): void {
    this.boom.flush(done);
  }

  flushSync(): void {
    this.boom.flushSync();
  }

  end(): void {
    this.boom.end();
  }

  destroy(): void {
    this.boom.destroy();
  }
}

export function createLogger(level: string, destination?: DestinationStream, bufferBytes = DEFAULT_LOG_BUFFER_BYTES): Logger {
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`--log-level: ${JSON.stringify(level)} is not one of ${LOG_LEVELS.join(', ')}`);
  }
  return pino({ level, base: { service: 'kgate' } }, destination ?? new BoundedDestination(1, bufferBytes));
}

/** The logger's bounded backlog, when it writes to one (tests may log to a plain stream). */
export function logBacklog(logger: Logger): BoundedDestination | undefined {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
  return stream instanceof BoundedDestination ? stream : undefined;
}
