/** Calls `stop` on the first SIGTERM or SIGINT; returns a function that removes the handlers. */
export function onTermination(stop, exit = (code) => process.exit(code)) {
    let stopping = false;
    const handler = (signal) => {
        if (stopping)
            return exit(1);
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
//# sourceMappingURL=signals.js.map