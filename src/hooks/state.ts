// The extension resources Envoy Gateway last sent with each xds listener,
// kept in a file so a restarted kgate enforces them before EG's next
// translation (EG calls the hook only when it translates, which a kgate
// restart does not cause).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';

const VERSION = 1;

interface StateFile {
  readonly version: number;
  /** xds listener name → the JSON text of each extension resource. */
  readonly listeners: Record<string, string[]>;
}

export class HookState {
  private readonly listeners = new Map<string, string[]>();

  constructor(
    private readonly path: string,
    private readonly logger: Logger,
  ) {}

  /**
   * The resources per listener saved by a previous run. A missing file is a
   * first start; an unreadable one is logged and ignored (those listeners stay
   * unknown, so their Checks are refused until EG calls again).
   */
  load(): ReadonlyMap<string, Uint8Array[]> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.error({ err: error, path: this.path }, 'cannot read the hook state file');
      return new Map();
    }
    try {
      const state = JSON.parse(text) as StateFile;
      if (state.version !== VERSION || typeof state.listeners !== 'object' || state.listeners === null) throw new Error(`unsupported state version ${String(state.version)}`);
      for (const [listener, resources] of Object.entries(state.listeners)) {
        if (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string')) throw new Error(`listener ${listener}: resources must be strings`);
        this.listeners.set(listener, resources);
      }
    } catch (error) {
      this.logger.error({ path: this.path, reason: error instanceof Error ? error.message : String(error) }, 'hook state file ignored: not a kgate hook state');
      this.listeners.clear();
    }
    const encoder = new TextEncoder();
    return new Map([...this.listeners].map(([listener, resources]) => [listener, resources.map((r) => encoder.encode(r))]));
  }

  /** Records what EG sent with a listener; written atomically (temp file, then rename). */
  save(listener: string, resources: readonly Uint8Array[]): void {
    const decoder = new TextDecoder();
    this.listeners.set(listener, resources.map((r) => decoder.decode(r)));
    const state: StateFile = { version: VERSION, listeners: Object.fromEntries(this.listeners) };
    const temp = `${this.path}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temp, JSON.stringify(state));
      renameSync(temp, this.path);
    } catch (error) {
      // The hook still answers: enforcement works until the next restart.
      this.logger.error({ err: error, path: this.path }, 'cannot write the hook state file; a restart will not know this listener');
    }
  }
}
