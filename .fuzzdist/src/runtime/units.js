// Durations as operators write them: `100ms`, `2s`, `1m`, or bare milliseconds.
const UNITS = { ms: 1, s: 1000, m: 60_000 };
/** Milliseconds; throws Error naming the flag when the text is not a positive duration. */
export function parseDuration(text, flag) {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
    const ms = match ? Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1) : NaN;
    if (!(ms > 0))
        throw new Error(`${flag}: ${JSON.stringify(text)} is not a positive duration such as 100ms, 2s or 1m`);
    return ms;
}
/** Bytes from `1048576`, `512KiB`, `4MiB`, `1GiB` (binary units; KB/MB accepted as the same). */
export function parseBytes(text, flag) {
    const match = /^(\d+)\s*(?:(K|M|G)i?B)?$/i.exec(text.trim());
    const scale = match?.[2] ? 1024 ** ('KMG'.indexOf(match[2].toUpperCase()) + 1) : 1;
    const bytes = match ? Number(match[1]) * scale : NaN;
    if (!(bytes > 0) || !Number.isSafeInteger(bytes))
        throw new Error(`${flag}: ${JSON.stringify(text)} is not a positive size such as 1048576, 64KiB or 4MiB`);
    return bytes;
}
//# sourceMappingURL=units.js.map