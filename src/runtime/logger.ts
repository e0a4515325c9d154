// Structured logs (pino, JSON lines on stdout).
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Asynchronous stdout: under load sonic-boom coalesces many decision lines
 * into one write instead of a syscall per request; lines are written as soon
 * as the event loop is free, and flushed on exit.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`--log-level: ${JSON.stringify(level)} is not one of ${LOG_LEVELS.join(', ')}`);
  }
  return pino({ level, base: { service: 'kgate' } }, destination ?? pino.destination({ dest: 1, sync: false }));
}
