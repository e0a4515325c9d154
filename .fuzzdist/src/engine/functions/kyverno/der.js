// Just enough DER to walk X.509 structures: tag-length-value elements,
// object identifiers, integers, times and directory strings.
export function read(buffer, offset = 0) {
    const tag = byte(buffer, offset);
    let length = byte(buffer, offset + 1);
    let header = 2;
    if (length & 0x80) {
        const count = length & 0x7f;
        if (count === 0 || count > 4)
            throw new Error('asn1: unsupported length');
        length = 0;
        for (let i = 0; i < count; i++)
            length = length * 256 + byte(buffer, offset + 2 + i);
        header += count;
    }
    const end = offset + header + length;
    if (end > buffer.length)
        throw new Error('asn1: data truncated');
    return { tag, raw: buffer.subarray(offset, end), content: buffer.subarray(offset + header, end) };
}
function byte(buffer, offset) {
    const value = buffer[offset];
    if (value === undefined)
        throw new Error('asn1: data truncated');
    return value;
}
/** The elements of a SEQUENCE / SET (or any constructed content). */
export function children(element) {
    const out = [];
    for (let offset = 0; offset < element.content.length;) {
        const child = read(element.content, offset);
        out.push(child);
        offset += child.raw.length;
    }
    return out;
}
export function oid(element) {
    const bytes = element.content;
    const out = [];
    let value = 0;
    for (const b of bytes) {
        value = value * 128 + (b & 0x7f);
        if (b & 0x80)
            continue;
        if (out.length === 0)
            out.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
        else
            out.push(value);
        value = 0;
    }
    return out;
}
export function integer(element) {
    if (element.content.length === 0)
        return 0n;
    const hex = element.content.toString('hex');
    const unsigned = BigInt(`0x${hex}`);
    return element.content[0] & 0x80 ? unsigned - (1n << BigInt(element.content.length * 8)) : unsigned;
}
/** UTCTime (two-digit years: 1950-2049) or GeneralizedTime, as an ISO string in UTC. */
export function time(element) {
    const text = element.content.toString('latin1');
    const utc = element.tag === 0x17;
    const m = (utc ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/).exec(text);
    if (!m)
        throw new Error(`x509: malformed time ${JSON.stringify(text)}`);
    const year = utc ? (Number(m[1]) < 50 ? 2000 : 1900) + Number(m[1]) : Number(m[1]);
    return `${String(year).padStart(4, '0')}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}
export function directoryString(element) {
    switch (element.tag) {
        case 0x1e: {
            // BMPString: UTF-16BE.
            const swapped = Buffer.from(element.content);
            swapped.swap16();
            return swapped.toString('utf16le');
        }
        case 0x14:
            return element.content.toString('latin1');
        default:
            return element.content.toString('utf8');
    }
}
//# sourceMappingURL=der.js.map