// The extension resources Envoy Gateway last sent with each xds listener,
// kept in a file so a restarted kgate enforces them before EG's next
// translation (EG calls the hook only when it translates, which a kgate
// restart does not cause).
//
// Written off the hook call: EG calls once per listener per translation, so a
// synchronous rewrite of the whole file per call would block Checks with
// O(listeners²) bytes per translation. Writes are coalesced (the latest state
// wins) and atomic (temp file, then rename), so the file is never torn.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorText } from '../engine/types.js';
const VERSION = 1;
export class HookState {
    path;
    logger;
    listeners = new Map();
    constructor(path, logger) {
        this.path = path;
        this.logger = logger;
    }
    /**
     * The resources per listener saved by a previous run. A missing file is a
     * first start; an unreadable one is logged and ignored (those listeners stay
     * unknown, so their Checks are refused until EG calls again).
     */
    load() {
        let text;
        try {
            text = readFileSync(this.path, 'utf8');
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                this.logger.error({ err: error, path: this.path }, 'cannot read the hook state file');
            return new Map();
        }
        try {
            const state = JSON.parse(text);
            if (state.version !== VERSION || typeof state.listeners !== 'object' || state.listeners === null)
                throw new Error(`unsupported state version ${String(state.version)}`);
            for (const [listener, resources] of Object.entries(state.listeners)) {
                if (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string'))
                    throw new Error(`listener ${listener}: resources must be strings`);
                this.listeners.set(listener, resources);
            }
        }
        catch (error) {
            this.logger.error({ path: this.path, reason: errorText(error) }, 'hook state file ignored: not a kgate hook state');
            this.listeners.clear();
        }
        const encoder = new TextEncoder();
        return new Map([...this.listeners].map(([listener, resources]) => [listener, resources.map((r) => encoder.encode(r))]));
    }
    /** Records what EG sent with a listener; the file follows soon after, in one write for any number of calls. */
    save(listener, resources) {
        const decoder = new TextDecoder();
        this.listeners.set(listener, resources.map((r) => decoder.decode(r)));
        this.dirty = true;
        this.writing ??= this.writeWhileDirty();
    }
    /** Resolves once everything saved so far is on disk (for shutdown). */
    async flush() {
        while (this.writing)
            await this.writing;
    }
    dirty = false;
    writing;
    async writeWhileDirty() {
        // Let the calls of one translation land first: they arrive back to back.
        await new Promise((resolve) => setImmediate(resolve));
        try {
            while (this.dirty) {
                this.dirty = false;
                await this.write(JSON.stringify({ version: VERSION, listeners: Object.fromEntries(this.listeners) }));
            }
        }
        finally {
            this.writing = undefined;
        }
    }
    async write(text) {
        const temp = `${this.path}.tmp`;
        try {
            await mkdir(dirname(this.path), { recursive: true });
            await writeFile(temp, text);
            await rename(temp, this.path);
        }
        catch (error) {
            // The hook still answers: enforcement works until the next restart.
            this.logger.error({ err: error, path: this.path }, 'cannot write the hook state file; a restart will not know the latest listeners');
        }
    }
}
//# sourceMappingURL=state.js.map