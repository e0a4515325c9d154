export function testEnv(time = Date.UTC(2024, 0, 1)) {
    const env = {
        time,
        files: new Map(),
        keySets: new Map(),
        now: () => env.time,
        keys: {
            file: (path) => {
                const text = env.files.get(path);
                if (text === undefined)
                    throw new Error(`ENOENT: no such file ${path}`);
                return text;
            },
            jwks: (url) => {
                const set = env.keySets.get(url);
                if (!set)
                    throw new Error(`no key set at ${url}`);
                return set;
            },
        },
    };
    return env;
}
export const seconds = (ms) => Math.floor(ms / 1000);
/** Resolves a MaybePromise; the error when it fails (sync or async). */
export async function outcome(run) {
    try {
        return { value: await run() };
    }
    catch (error) {
        return { error: error };
    }
}
//# sourceMappingURL=env.js.map