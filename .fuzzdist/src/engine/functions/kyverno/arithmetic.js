// Kyverno's add/subtract/multiply/divide/modulo/sum/round: numbers,
// Kubernetes quantities (`100m`, `1Gi`) and Go durations (`1h30m`). A string
// operand is a quantity when it parses as one, else a duration.
import { goFloat } from '../../go/fmt.js';
import { formatDuration, fromNanoseconds, parseDuration, seconds } from '../../go/duration.js';
import { add as addDecimal, formatQuantity, isInteger, mul, neg, parseQuantity, quotient, scaleOf, toBigInt, toFloat, } from '../../go/quantity.js';
const fail = (fn, what) => new Error(`JMESPath function '${fn}': ${what}`);
const mismatch = (fn) => fail(fn, 'Types mismatch');
const zeroDivisor = (fn) => fail(fn, 'Zero divisor passed');
const nonInteger = (fn) => fail(fn, 'Non-integer argument(s) passed for modulo');
function operand(value, fn) {
    if (typeof value === 'number')
        return { kind: 'scalar', value };
    if (typeof value === 'string') {
        try {
            return { kind: 'quantity', value: parseQuantity(value) };
        }
        catch {
            try {
                return { kind: 'duration', value: parseDuration(value) };
            }
            catch {
                // neither: reported below
            }
        }
    }
    throw fail(fn, 'invalid operand');
}
const wrap64 = (d) => BigInt.asIntN(64, d);
function plus(a, b, fn, sign) {
    if (a.kind === 'scalar' && b.kind === 'scalar')
        return a.value + sign * b.value;
    if (a.kind === 'duration' && b.kind === 'duration')
        return formatDuration(wrap64(a.value + BigInt(sign) * b.value));
    if (a.kind === 'quantity' && b.kind === 'quantity') {
        // Quantity.Add keeps the left format unless the left side is zero.
        const format = a.value.value.mantissa === 0n ? b.value.format : a.value.format;
        return formatQuantity({ value: addDecimal(a.value.value, sign === 1 ? b.value.value : neg(b.value.value)), format });
    }
    throw mismatch(fn);
}
export function add(a, b, fn = 'add') {
    return plus(operand(a, fn), operand(b, fn), fn, 1);
}
export function subtract(a, b) {
    return plus(operand(a, 'subtract'), operand(b, 'subtract'), 'subtract', -1);
}
/** Kyverno's sum: the add of every element, left to right. */
export function sum(values) {
    if (values.length === 0)
        throw fail('sum', 'at least one element in the array is required');
    return values.slice(1).reduce((total, item) => add(total, item, 'sum'), values[0]);
}
/** The scalar as a quantity, the way Kyverno gets it: ParseQuantity(fmt.Sprintf("%v", f)). */
function scalarQuantity(n) {
    return parseQuantity(goFloat(n));
}
function times(a, b) {
    if (b.kind !== 'scalar') {
        if (a.kind === 'scalar')
            return times(b, a);
        throw mismatch('multiply');
    }
    switch (a.kind) {
        case 'scalar':
            return a.value * b.value;
        case 'quantity':
            return formatQuantity({ value: mul(a.value.value, scalarQuantity(b.value).value), format: a.value.format });
        case 'duration':
            return formatDuration(fromNanoseconds(seconds(a.value) * b.value * 1e9));
    }
}
export function multiply(a, b) {
    return times(operand(a, 'multiply'), operand(b, 'multiply'));
}
export function divide(a, b) {
    const x = operand(a, 'divide');
    const y = operand(b, 'divide');
    if (x.kind === 'quantity' && y.kind === 'quantity') {
        const divisor = toFloat(y.value.value);
        if (divisor === 0)
            throw zeroDivisor('divide');
        return toFloat(x.value.value) / divisor;
    }
    if (x.kind === 'duration' && y.kind === 'duration') {
        if (y.value === 0n)
            throw zeroDivisor('divide');
        return seconds(x.value) / seconds(y.value);
    }
    if (y.kind !== 'scalar')
        throw mismatch('divide');
    if (y.value === 0)
        throw zeroDivisor('divide');
    switch (x.kind) {
        case 'scalar':
            return x.value / y.value;
        case 'quantity': {
            const divisor = scalarQuantity(y.value);
            const scale = Math.max(scaleOf(x.value.value), scaleOf(divisor.value));
            return formatQuantity({ value: quotient(x.value.value, divisor.value, scale), format: x.value.format });
        }
        case 'duration':
            return formatDuration(fromNanoseconds((seconds(x.value) / y.value) * 1e9));
    }
}
export function modulo(a, b) {
    const x = operand(a, 'modulo');
    const y = operand(b, 'modulo');
    if (x.kind === 'quantity' && y.kind === 'quantity') {
        if (!isInteger(x.value.value) || !isInteger(y.value.value))
            throw nonInteger('modulo');
        const divisor = toBigInt(y.value.value);
        if (divisor === 0n)
            throw zeroDivisor('modulo');
        return formatQuantity({ value: { mantissa: toBigInt(x.value.value) % divisor, exponent: 0 }, format: x.value.format });
    }
    if (x.kind === 'duration' && y.kind === 'duration') {
        if (y.value === 0n)
            throw zeroDivisor('modulo');
        return formatDuration(x.value % y.value);
    }
    if (x.kind === 'scalar' && y.kind === 'scalar') {
        if (!Number.isInteger(x.value) || !Number.isInteger(y.value))
            throw nonInteger('modulo');
        if (y.value === 0)
            throw zeroDivisor('modulo');
        return x.value % y.value;
    }
    throw mismatch('modulo');
}
/** Kyverno's round: half away from zero, to a non-negative integral number of decimal places. */
export function round(value, places) {
    if (!Number.isInteger(places))
        throw fail('round', 'Non-integer argument(s) passed for round off');
    if (places < 0)
        throw fail('round', '%!d(MISSING) argument is out of bounds (%!d(MISSING))');
    const shift = 10 ** places;
    return (Math.sign(value) * Math.round(Math.abs(value) * shift)) / shift;
}
//# sourceMappingURL=arithmetic.js.map