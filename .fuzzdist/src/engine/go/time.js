// Go's time for Kyverno's time_* functions: time.Parse with Go reference
// layouts (`2006-01-02T15:04:05Z07:00`), RFC 3339 output that keeps the
// parsed offset, Truncate since Go's zero time, and durations between times.
import { formatDuration, parseDuration, saturate } from './duration.js';
export const RFC3339 = '2006-01-02T15:04:05Z07:00';
const NS_PER_MS = 1000000n;
const NS_PER_S = 1000000000n;
/** Seconds from 0001-01-01T00:00:00Z (Go's zero time) to the Unix epoch. */
const ZERO_TO_UNIX = 62135596800n;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export function fromMillis(ms) {
    return { ns: BigInt(Math.trunc(ms)) * NS_PER_MS, offset: 0 };
}
function civil(t) {
    const shifted = t.ns + BigInt(t.offset) * NS_PER_S;
    const ms = shifted / NS_PER_MS - (shifted % NS_PER_MS < 0n ? 1n : 0n);
    const d = new Date(Number(ms));
    return {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        weekday: d.getUTCDay(),
    };
}
const pad = (n, width = 2) => String(Math.abs(n)).padStart(width, '0');
/** t.Format(time.RFC3339). */
export function formatRFC3339(t) {
    const c = civil(t);
    const date = `${c.year < 0 ? '-' : ''}${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
    if (t.offset === 0)
        return `${date}Z`;
    const minutes = Math.trunc(Math.abs(t.offset) / 60);
    return `${date}${t.offset < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
}
export function utc(t) {
    return { ns: t.ns, offset: 0 };
}
export function addDuration(t, d) {
    return { ns: t.ns + d, offset: t.offset };
}
/** t2.Sub(t1), saturated to the int64 range. */
export function sub(t2, t1) {
    return saturate(t2.ns - t1.ns);
}
/** t.Truncate(d): rounded down to a multiple of d since Go's zero time; d <= 0 leaves t as is. */
export function truncate(t, d) {
    if (d <= 0n)
        return t;
    const sinceZero = t.ns + ZERO_TO_UNIX * NS_PER_S;
    const r = ((sinceZero % d) + d) % d;
    return { ns: t.ns - r, offset: t.offset };
}
/** Kyverno's time_to_cron: `minute hour day month weekday` in the time's own offset. */
export function toCron(t) {
    const c = civil(t);
    return `${c.minute} ${c.hour} ${c.day} ${c.month} ${c.weekday}`;
}
export const parseRFC3339 = (value) => parseTime(RFC3339, value);
/** Go's nextStdChunk, longest match first at each position. */
const STD_PREFIXES = [
    ['January', 'LongMonth'],
    ['Jan', 'Month'],
    ['Monday', 'LongWeekDay'],
    ['Mon', 'WeekDay'],
    ['MST', 'TZ'],
    ['002', 'ZeroYearDay'],
    ['01', 'ZeroMonth'],
    ['02', 'ZeroDay'],
    ['03', 'ZeroHour12'],
    ['04', 'ZeroMinute'],
    ['05', 'ZeroSecond'],
    ['06', 'Year'],
    ['15', 'Hour'],
    ['1', 'NumMonth'],
    ['2006', 'LongYear'],
    ['2', 'Day'],
    ['__2', 'UnderYearDay'],
    ['_2', 'UnderDay'],
    ['3', 'Hour12'],
    ['4', 'Minute'],
    ['5', 'Second'],
    ['PM', 'PM'],
    ['pm', 'pm'],
    ['-07:00:00', 'NumColonSecondsTZ'],
    ['-070000', 'NumSecondsTz'],
    ['-07:00', 'NumColonTZ'],
    ['-0700', 'NumTZ'],
    ['-07', 'NumShortTZ'],
    ['Z07:00:00', 'ISO8601ColonSecondsTZ'],
    ['Z070000', 'ISO8601SecondsTZ'],
    ['Z07:00', 'ISO8601ColonTZ'],
    ['Z0700', 'ISO8601TZ'],
    ['Z07', 'ISO8601ShortTZ'],
];
const layoutCache = new Map();
function chunks(layout) {
    let cached = layoutCache.get(layout);
    if (!cached) {
        cached = splitLayout(layout);
        if (layoutCache.size < 64)
            layoutCache.set(layout, cached);
    }
    return cached;
}
function splitLayout(layout) {
    const out = [];
    let literal = '';
    for (let i = 0; i < layout.length;) {
        const std = stdAt(layout, i);
        if (!std) {
            literal += layout[i];
            i++;
            continue;
        }
        if (literal)
            out.push({ kind: 'literal', text: literal });
        literal = '';
        out.push(std);
        i += std.text.length;
    }
    if (literal)
        out.push({ kind: 'literal', text: literal });
    return out;
}
function stdAt(layout, i) {
    const c = layout[i];
    if ((c === '.' || c === ',') && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
        const digit = layout[i + 1];
        let j = i + 1;
        while (layout[j] === digit)
            j++;
        if (!/[0-9]/.test(layout[j] ?? '')) {
            return { kind: 'std', std: digit === '0' ? 'FracSecond0' : 'FracSecond9', text: layout.slice(i, j), digits: j - i - 1 };
        }
    }
    // `_2006` is a literal underscore and a year.
    if (layout.startsWith('_2006', i))
        return undefined;
    const found = STD_PREFIXES.find(([prefix]) => layout.startsWith(prefix, i));
    if (!found)
        return undefined;
    // `Jan`/`Mon`/`MST` must not be followed by a lower-case letter (`Janet`).
    if ((found[1] === 'Month' || found[1] === 'WeekDay') && /[a-z]/.test(layout[i + 3] ?? ''))
        return undefined;
    return { kind: 'std', std: found[1], text: found[0] };
}
class ParseFailure extends Error {
}
/** time.Parse(layout, value). */
export function parseTime(layout, value) {
    try {
        return parseWith(chunks(layout), value);
    }
    catch (error) {
        if (!(error instanceof ParseFailure))
            throw error;
        throw new Error(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: ${error.message}`);
    }
}
function parseWith(layoutChunks, input) {
    const f = { year: 0, month: -1, day: -1, yday: -1, hour: 0, minute: 0, second: 0, nsec: 0 };
    let rest = input;
    layoutChunks.forEach((chunk, index) => {
        if (chunk.kind === 'literal') {
            if (!rest.startsWith(chunk.text))
                throw new ParseFailure(`cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(chunk.text)}`);
            rest = rest.slice(chunk.text.length);
            return;
        }
        rest = parseStd(chunk, rest, f, layoutChunks[index + 1]);
    });
    if (rest !== '')
        throw new ParseFailure(`extra text: ${JSON.stringify(rest)}`);
    return assemble(f);
}
function number(rest, std, fixed, max = fixed) {
    const m = new RegExp(`^[0-9]{${fixed},${max}}`).exec(rest);
    if (!m)
        throw new ParseFailure(`cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(std)}`);
    return [Number(m[0]), rest.slice(m[0].length)];
}
function name(rest, names, std, short) {
    const index = names.findIndex((n) => rest.toLowerCase().startsWith((short ? n.slice(0, 3) : n).toLowerCase()));
    if (index < 0)
        throw new ParseFailure(`cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(std)}`);
    return [index, rest.slice(short ? 3 : names[index].length)];
}
function inRange(value, min, max, what) {
    if (value < min || value > max)
        throw new ParseFailure(`${what} out of range`);
    return value;
}
/** Numeric elements: the field they set, how many digits they take, their range (Go validates days later). */
const NUMERIC = {
    NumMonth: { field: 'month', digits: [1, 2], range: [1, 12], what: 'month' },
    ZeroMonth: { field: 'month', digits: [2, 2], range: [1, 12], what: 'month' },
    Day: { field: 'day', digits: [1, 2], range: [0, 99], what: 'day' },
    UnderDay: { field: 'day', digits: [1, 2], range: [0, 99], what: 'day' },
    ZeroDay: { field: 'day', digits: [2, 2], range: [0, 99], what: 'day' },
    UnderYearDay: { field: 'yday', digits: [1, 3], range: [1, 366], what: 'day-of-year' },
    ZeroYearDay: { field: 'yday', digits: [3, 3], range: [1, 366], what: 'day-of-year' },
    Hour: { field: 'hour', digits: [1, 2], range: [0, 23], what: 'hour' },
    Hour12: { field: 'hour', digits: [1, 2], range: [0, 12], what: 'hour' },
    ZeroHour12: { field: 'hour', digits: [2, 2], range: [0, 12], what: 'hour' },
    Minute: { field: 'minute', digits: [1, 2], range: [0, 59], what: 'minute' },
    ZeroMinute: { field: 'minute', digits: [2, 2], range: [0, 59], what: 'minute' },
    Second: { field: 'second', digits: [1, 2], range: [0, 59], what: 'second' },
    ZeroSecond: { field: 'second', digits: [2, 2], range: [0, 59], what: 'second' },
};
function parseStd(chunk, input, f, next) {
    const numeric = NUMERIC[chunk.std];
    if (numeric)
        return parseNumeric(chunk, numeric, input, f, next);
    let rest = input;
    let n;
    switch (chunk.std) {
        case 'Year':
            [n, rest] = number(rest, chunk.text, 2);
            f.year = n >= 69 ? 1900 + n : 2000 + n;
            return rest;
        case 'LongYear':
            [f.year, rest] = number(rest, chunk.text, 4);
            return rest;
        case 'Month':
        case 'LongMonth':
            [n, rest] = name(rest, MONTHS, chunk.text, chunk.std === 'Month');
            f.month = n + 1;
            return rest;
        case 'WeekDay':
        case 'LongWeekDay':
            return name(rest, DAYS, chunk.text, chunk.std === 'WeekDay')[1];
        case 'FracSecond0': {
            const m = new RegExp(`^[.,]([0-9]{${chunk.digits}})`).exec(rest);
            if (!m)
                throw new ParseFailure(`cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(chunk.text)}`);
            f.nsec = nanoseconds(m[1]);
            return rest.slice(m[0].length);
        }
        case 'FracSecond9': {
            const m = /^[.,]([0-9]+)/.exec(rest);
            if (!m)
                return rest;
            f.nsec = nanoseconds(m[1]);
            return rest.slice(m[0].length);
        }
        case 'PM':
        case 'pm': {
            const text = rest.slice(0, 2);
            const [am, pm] = chunk.std === 'PM' ? ['AM', 'PM'] : ['am', 'pm'];
            if (text !== am && text !== pm)
                throw new ParseFailure(`cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(chunk.text)}`);
            f.pm = text === pm;
            return rest.slice(2);
        }
        case 'TZ': {
            const m = /^(UTC|GMT|[A-Z]{3,5})/.exec(rest);
            if (!m)
                throw new ParseFailure(`cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(chunk.text)}`);
            // Unknown abbreviations get a zero offset, as Go does outside their zone.
            f.offset = 0;
            return rest.slice(m[1].length);
        }
        default:
            return parseOffset(chunk, rest, f);
    }
}
function parseNumeric(chunk, spec, input, f, next) {
    // `_2` and `__2` pad with spaces.
    let rest = chunk.std.startsWith('Under') ? input.replace(/^ {1,2}/, '') : input;
    const [n, remaining] = number(rest, chunk.text, ...spec.digits);
    rest = remaining;
    f[spec.field] = inRange(n, ...spec.range, spec.what);
    // A fraction in the value after the seconds but not in the layout is accepted (Go does).
    if (spec.field === 'second' && /^[.,][0-9]/.test(rest) && !(next?.kind === 'std' && next.std.startsWith('FracSecond'))) {
        const digits = /^[.,]([0-9]+)/.exec(rest);
        f.nsec = nanoseconds(digits[1]);
        rest = rest.slice(digits[0].length);
    }
    return rest;
}
function nanoseconds(digits) {
    return Number(digits.slice(0, 9).padEnd(9, '0'));
}
function parseOffset(chunk, input, f) {
    if (chunk.std.startsWith('ISO8601') && input.startsWith('Z')) {
        f.offset = 0;
        return input.slice(1);
    }
    const colon = chunk.std.includes('Colon');
    const withSeconds = chunk.std.includes('Seconds');
    const short = chunk.std.includes('Short');
    const pattern = short
        ? /^([+-])([0-9]{2})/
        : colon
            ? withSeconds
                ? /^([+-])([0-9]{2}):([0-9]{2}):([0-9]{2})/
                : /^([+-])([0-9]{2}):([0-9]{2})/
            : withSeconds
                ? /^([+-])([0-9]{2})([0-9]{2})([0-9]{2})/
                : /^([+-])([0-9]{2})([0-9]{2})/;
    const m = pattern.exec(input);
    if (!m)
        throw new ParseFailure(`cannot parse ${JSON.stringify(input)} as ${JSON.stringify(chunk.text)}`);
    const seconds = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    f.offset = m[1] === '-' ? -seconds : seconds;
    return input.slice(m[0].length);
}
function daysIn(month, year) {
    return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}
function isLeap(year) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}
function assemble(f) {
    if (f.pm === true && f.hour < 12)
        f.hour += 12;
    if (f.pm === false && f.hour === 12)
        f.hour = 0;
    if (f.yday >= 0) {
        const date = new Date(Date.UTC(2000, 0, 1));
        date.setUTCFullYear(f.year, 0, f.yday);
        if (date.getUTCFullYear() !== f.year)
            throw new ParseFailure('day-of-year out of range');
        if ((f.month >= 0 && date.getUTCMonth() + 1 !== f.month) || (f.day >= 0 && date.getUTCDate() !== f.day)) {
            throw new ParseFailure('day-of-year does not match month or day');
        }
        f.month = date.getUTCMonth() + 1;
        f.day = date.getUTCDate();
    }
    if (f.month < 0)
        f.month = 1;
    if (f.day < 0)
        f.day = 1;
    if (f.day < 1 || f.day > daysIn(f.month, f.year))
        throw new ParseFailure('day out of range');
    const date = new Date(Date.UTC(2000, 0, 1, f.hour, f.minute, f.second));
    date.setUTCFullYear(f.year, f.month - 1, f.day);
    const offset = f.offset ?? 0;
    return { ns: BigInt(date.getTime()) * NS_PER_MS + BigInt(f.nsec) - BigInt(offset) * NS_PER_S, offset };
}
// ---- Kyverno's functions -------------------------------------------------
export function timeParse(layout, value) {
    return formatRFC3339(parseTime(layout, value));
}
export function timeAdd(time, duration) {
    return formatRFC3339(addDuration(parseRFC3339(time), parseDuration(duration)));
}
export function timeUtc(time) {
    return formatRFC3339(utc(parseRFC3339(time)));
}
export function timeDiff(start, end) {
    return formatDuration(sub(parseRFC3339(end), parseRFC3339(start)));
}
export function timeBefore(a, b) {
    return parseRFC3339(a).ns < parseRFC3339(b).ns;
}
export function timeAfter(a, b) {
    return parseRFC3339(a).ns > parseRFC3339(b).ns;
}
export function timeBetween(time, start, end) {
    const t = parseRFC3339(time).ns;
    return t > parseRFC3339(start).ns && t < parseRFC3339(end).ns;
}
export function timeTruncate(time, duration) {
    return formatRFC3339(truncate(parseRFC3339(time), parseDuration(duration)));
}
export function timeToCron(time) {
    return toCron(parseRFC3339(time));
}
/** Kyverno's time_since(layout, start, end): end - start; an empty layout means RFC 3339, an empty end now. */
export function timeSince(layout, start, end, nowMs) {
    const effective = layout || RFC3339;
    const t1 = parseTime(effective, start);
    const t2 = end ? parseTime(effective, end) : fromMillis(nowMs);
    return formatDuration(sub(t2, t1));
}
/** time_now / time_now_utc: kgate formats both in UTC (a container's local zone). */
export function timeNow(nowMs) {
    return formatRFC3339(fromMillis(nowMs));
}
//# sourceMappingURL=time.js.map