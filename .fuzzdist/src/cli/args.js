import { parseArgs } from 'node:util';
import { errorText } from '../engine/types.js';
/** A command-line mistake: printed as `kgate <command>: <message>` with exit code 2. */
export class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
/** The time box of one decision, the same for `serve` and `check` so check predicts serve. */
export const DEFAULT_DECISION_TIMEOUT = '100ms';
/**
 * Strict flag parsing shared by every subcommand: unknown flags and stray
 * positionals are usage errors, never ignored.
 */
export function parseFlags(argv, options) {
    try {
        return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
    }
    catch (error) {
        throw new UsageError(errorText(error));
    }
}
/** Runs a subcommand body, mapping UsageError to exit 2 with the command's usage text. */
export async function runCommand(name, usage, body) {
    try {
        return await body();
    }
    catch (error) {
        if (error instanceof UsageError) {
            process.stderr.write(`kgate ${name}: ${error.message}\n\n${usage}`);
            return 2;
        }
        throw error;
    }
}
//# sourceMappingURL=args.js.map