// Graceful termination: the first SIGTERM/SIGINT starts a drain, a second one
// exits at once (an operator who presses Ctrl-C twice means it).
export type Stop = (signal: NodeJS.Signals) => Promise<void>;

/** Calls `stop` on the first SIGTERM or SIGINT; returns a function that removes the handlers. */
export function onTermination(stop: Stop, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return exit(1);
    stopping = true;
    void stop(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
