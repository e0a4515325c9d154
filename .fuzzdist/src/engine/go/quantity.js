// Kubernetes resource.Quantity (`100m`, `1.5Gi`, `2e3`): parsed as
// resource.ParseQuantity does (rounded up to nano units, capped at int64) and
// printed in its canonical form (Quantity.String). Values are exact decimals.
const FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const MAX_INT64 = (1n << 63n) - 1n;
const NANO = -9;
const DECIMAL_SUFFIXES = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_NAMES = new Map(Object.entries(DECIMAL_SUFFIXES).map(([k, v]) => [v, k]));
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
export function decimal(mantissa, exponent = 0) {
    return { mantissa, exponent };
}
/**
 * resource.ParseQuantity. The decimal's exponent is the scale Go would keep
 * (it matters to division): digits as written on Go's int64 fast path,
 * nano (-9) otherwise.
 */
export function parseQuantity(text) {
    if (text === '')
        throw new Error(FORMAT_ERROR);
    const parts = QUANTITY.exec(text);
    if (!parts)
        throw new Error(FORMAT_ERROR);
    const [, sign, whole = '', fraction = '', suffix = ''] = parts;
    const { base, exponent, format } = interpretSuffix(suffix);
    const digits = BigInt(`${whole}${fraction}` || '0');
    const signed = decimal(sign === '-' ? -digits : digits, -fraction.length);
    if (fastPath(whole, fraction, base, exponent)) {
        return { value: base === 10 ? decimal(signed.mantissa, signed.exponent + exponent) : mul(signed, decimal(1n << BigInt(exponent))), format };
    }
    const exact = base === 10 ? decimal(signed.mantissa, signed.exponent + exponent) : mul(signed, decimal(1n << BigInt(exponent)));
    const value = capped(exact.mantissa === 0n ? exact : atScale(roundUpToNano(exact), NANO));
    const small = format === 'BinarySI' && compare(abs(value), decimal(1n)) < 0 && value.mantissa !== 0n;
    return { value, format: small ? 'DecimalSI' : format };
}
/** Whether ParseQuantity keeps the value as an int64 with the written scale (no rounding). */
function fastPath(whole, fraction, base, exponent) {
    const num = whole.replace(/^0+/, '') || '0';
    const shifted = BigInt(num + fraction);
    if (base === 10)
        return 18 - (num.length + fraction.length) >= 0 && exponent - fraction.length >= NANO && shifted <= MAX_INT64;
    if (exponent < 0 || fraction !== '')
        return false;
    const precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    return precision >= 0 && shifted << BigInt(exponent) <= MAX_INT64;
}
function atScale(value, exponent) {
    return value.exponent > exponent ? decimal(value.mantissa * 10n ** BigInt(value.exponent - exponent), exponent) : value;
}
function interpretSuffix(suffix) {
    const dec = DECIMAL_SUFFIXES[suffix];
    if (dec !== undefined)
        return { base: 10, exponent: dec, format: 'DecimalSI' };
    const bin = BINARY_SUFFIXES[suffix];
    if (bin !== undefined)
        return { base: 2, exponent: bin, format: 'BinarySI' };
    const exp = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
    if (exp)
        return { base: 10, exponent: Number(exp[1]), format: 'DecimalExponent' };
    throw new Error(/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(suffix) ? "unable to parse quantity's suffix" : FORMAT_ERROR);
}
/** Non-zero magnitudes finer than 1n round up (away from zero), as ParseQuantity does. */
function roundUpToNano(value) {
    if (value.exponent >= NANO)
        return value;
    const factor = 10n ** BigInt(NANO - value.exponent);
    const magnitude = value.mantissa < 0n ? -value.mantissa : value.mantissa;
    const rounded = (magnitude + factor - 1n) / factor;
    return decimal(value.mantissa < 0n ? -rounded : rounded, NANO);
}
function capped(value) {
    const max = decimal(MAX_INT64);
    if (compare(value, max) > 0)
        return max;
    if (compare(value, neg(max)) < 0)
        return neg(max);
    return value;
}
function align(a, b) {
    const e = Math.min(a.exponent, b.exponent);
    return [a.mantissa * 10n ** BigInt(a.exponent - e), b.mantissa * 10n ** BigInt(b.exponent - e), e];
}
export function add(a, b) {
    const [x, y, e] = align(a, b);
    return decimal(x + y, e);
}
export function neg(a) {
    return decimal(-a.mantissa, a.exponent);
}
export function abs(a) {
    return a.mantissa < 0n ? neg(a) : a;
}
export function mul(a, b) {
    return decimal(a.mantissa * b.mantissa, a.exponent + b.exponent);
}
export function compare(a, b) {
    const [x, y] = align(a, b);
    return x < y ? -1 : x > y ? 1 : 0;
}
/** inf.Dec QuoRound(a, b, scale, RoundDown): the quotient truncated toward zero to `scale` fraction digits. */
export function quotient(a, b, scale) {
    // a/b = (ma/mb) × 10^(ea-eb); want an integer q with q × 10^-scale.
    const shift = a.exponent - b.exponent + scale;
    const numerator = shift >= 0 ? a.mantissa * 10n ** BigInt(shift) : a.mantissa;
    const denominator = shift >= 0 ? b.mantissa : b.mantissa * 10n ** BigInt(-shift);
    return decimal(numerator / denominator, -scale);
}
/** inf.Dec's Scale: digits after the decimal point (negative for multiples of 10). */
export function scaleOf(a) {
    return -a.exponent;
}
export function toFloat(a) {
    return Number(`${a.mantissa}e${a.exponent}`);
}
export function isInteger(a) {
    return a.exponent >= 0 || a.mantissa % 10n ** BigInt(-a.exponent) === 0n;
}
export function toBigInt(a) {
    return a.exponent >= 0 ? a.mantissa * 10n ** BigInt(a.exponent) : a.mantissa / 10n ** BigInt(-a.exponent);
}
/** Quantity.String(): canonical form for its format. */
export function formatQuantity(q) {
    const { value } = q;
    if (value.mantissa === 0n)
        return '0';
    let format = q.format;
    if (format === 'BinarySI' && (compare(abs(value), decimal(1024n)) < 0 || !isInteger(value)))
        format = 'DecimalSI';
    if (format === 'BinarySI') {
        let amount = toBigInt(value);
        let power = 0;
        while (amount % 1024n === 0n) {
            amount /= 1024n;
            power++;
        }
        return `${amount}${BINARY_NAMES[power] ?? ''}`;
    }
    let { mantissa, exponent } = value;
    while (mantissa % 10n === 0n) {
        mantissa /= 10n;
        exponent++;
    }
    while (exponent % 3 !== 0) {
        mantissa *= 10n;
        exponent--;
    }
    // Go prints no suffix when the exponent has no SI name (a k8s quirk kept as is).
    const suffix = format === 'DecimalSI' ? (DECIMAL_NAMES.get(exponent) ?? '') : exponent === 0 ? '' : `e${exponent}`;
    return `${mantissa}${suffix}`;
}
//# sourceMappingURL=quantity.js.map