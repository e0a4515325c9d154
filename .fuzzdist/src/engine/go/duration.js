// Go's time.Duration: int64 nanoseconds, parsed by time.ParseDuration and
// printed by Duration.String (`1h2m3.5s`, `1.5µs`, `0s`).
export const NANOSECOND = 1n;
export const MICROSECOND = 1000n;
export const MILLISECOND = 1000000n;
export const SECOND = 1000000000n;
export const MINUTE = 60n * SECOND;
export const HOUR = 60n * MINUTE;
const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);
const UNITS = {
    ns: NANOSECOND,
    us: MICROSECOND,
    µs: MICROSECOND,
    μs: MICROSECOND,
    ms: MILLISECOND,
    s: SECOND,
    m: MINUTE,
    h: HOUR,
};
/** time.ParseDuration: `[-+]?(<decimal><unit>)+`, units ns us µs ms s m h; `0` alone needs no unit. */
export function parseDuration(text) {
    const invalid = () => new Error(`time: invalid duration ${JSON.stringify(text)}`);
    let rest = text;
    let negative = false;
    if (rest.startsWith('-') || rest.startsWith('+')) {
        negative = rest.startsWith('-');
        rest = rest.slice(1);
    }
    if (rest === '0')
        return 0n;
    if (rest === '')
        throw invalid();
    let total = 0n;
    while (rest !== '') {
        const part = /^(\d*)(?:\.(\d*))?/.exec(rest);
        const whole = part[1] ?? '';
        const fraction = part[2] ?? '';
        if (whole === '' && fraction === '')
            throw invalid();
        rest = rest.slice(part[0].length);
        const unitText = /^[^\d.]*/.exec(rest)?.[0] ?? '';
        if (unitText === '')
            throw new Error(`time: missing unit in duration ${JSON.stringify(text)}`);
        const unit = UNITS[unitText];
        if (unit === undefined)
            throw new Error(`time: unknown unit ${JSON.stringify(unitText)} in duration ${JSON.stringify(text)}`);
        rest = rest.slice(unitText.length);
        // Go truncates the fraction to nanoseconds of the unit.
        const scaled = BigInt(whole || '0') * unit + (fraction ? (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length) : 0n);
        total += scaled;
        if (total > MAX + (negative ? 1n : 0n))
            throw invalid();
    }
    return negative ? -total : total;
}
/** Duration.String. */
export function formatDuration(d) {
    if (d === 0n)
        return '0s';
    const negative = d < 0n;
    let u = negative ? -d : d;
    let out;
    if (u < SECOND) {
        const [prec, unit] = u < MICROSECOND ? [0, 'ns'] : u < MILLISECOND ? [3, 'µs'] : [6, 'ms'];
        const [frac, rest] = fraction(u, prec);
        out = `${rest}${frac}${unit}`;
    }
    else {
        const [frac, seconds] = fraction(u, 9);
        u = seconds;
        out = `${u % 60n}${frac}s`;
        u /= 60n;
        if (u > 0n) {
            out = `${u % 60n}m${out}`;
            u /= 60n;
            if (u > 0n)
                out = `${u}h${out}`;
        }
    }
    return negative ? `-${out}` : out;
}
/** fmtFrac: `.123` for v / 10^prec without trailing zeros, and the integral part. */
function fraction(v, prec) {
    const scale = 10n ** BigInt(prec);
    const digits = (v % scale).toString().padStart(prec, '0').replace(/0+$/, '');
    return [digits ? `.${digits}` : '', v / scale];
}
/** int64 saturation, as time.Time.Sub does. */
export function saturate(d) {
    return d > MAX ? MAX : d < MIN ? MIN : d;
}
/** Duration.Seconds(). */
export function seconds(d) {
    return Number(d / SECOND) + Number(d % SECOND) / 1e9;
}
/** time.Duration(f): float nanoseconds truncated to int64 (Go's conversion). */
export function fromNanoseconds(ns) {
    if (!Number.isFinite(ns))
        return ns > 0 ? MAX : MIN;
    return saturate(BigInt(Math.trunc(ns)));
}
//# sourceMappingURL=duration.js.map