// A FunctionEnv for tests: a clock the test moves, and key sources it fills.
import type { FunctionEnv, JwksKeySet, MaybePromise } from '../../../src/engine/types.js';

export interface TestEnv extends FunctionEnv {
  /** Milliseconds since the epoch that now() returns. */
  time: number;
  readonly files: Map<string, string>;
  readonly keySets: Map<string, JwksKeySet>;
}

export function testEnv(time = Date.UTC(2024, 0, 1)): TestEnv {
  const env: TestEnv = {
    time,
    files: new Map(),
    keySets: new Map(),
    now: () => env.time,
    keys: {
      file: (path): MaybePromise<string> => {
        const text = env.files.get(path);
        if (text === undefined) throw new Error(`ENOENT: no such file ${path}`);
        return text;
      },
      jwks: (url) => {
        const set = env.keySets.get(url);
        if (!set) throw new Error(`no key set at ${url}`);
        return set;
      },
    },
  };
  return env;
}

export const seconds = (ms: number): number => Math.floor(ms / 1000);

/** Resolves a MaybePromise; the error when it fails (sync or async). */
export async function outcome(run: () => MaybePromise<unknown>): Promise<{ value?: unknown; error?: Error }> {
  try {
    return { value: await run() };
  } catch (error) {
    return { error: error as Error };
  }
}
