// Kyverno's x509_decode: a PEM certificate (or certificate request) with an
// RSA key, as the JSON of Go's x509.Certificate / x509.CertificateRequest
// (field names as Go spells them, byte fields in base64, the public key as
// `{N, E}`). Name constraints, policies and CRL/OCSP fields are not decoded
// (null), see docs/kyverno-json.md.
import { createPublicKey } from 'node:crypto';
import { children, directoryString, integer, oid, read, time } from './der.js';
const SIGNATURE_ALGORITHMS = {
    '1.2.840.113549.1.1.2': 1,
    '1.2.840.113549.1.1.4': 2,
    '1.2.840.113549.1.1.5': 3,
    '1.2.840.113549.1.1.11': 4,
    '1.2.840.113549.1.1.12': 5,
    '1.2.840.113549.1.1.13': 6,
    '1.2.840.10040.4.3': 7,
    '2.16.840.1.101.3.4.3.2': 8,
    '1.2.840.10045.4.1': 9,
    '1.2.840.10045.4.3.2': 10,
    '1.2.840.10045.4.3.3': 11,
    '1.2.840.10045.4.3.4': 12,
    '1.2.840.113549.1.1.10': 13,
    '1.3.101.112': 16,
};
const EXT_KEY_USAGES = {
    '2.5.29.37.0': 0,
    '1.3.6.1.5.5.7.3.1': 1,
    '1.3.6.1.5.5.7.3.2': 2,
    '1.3.6.1.5.5.7.3.3': 3,
    '1.3.6.1.5.5.7.3.4': 4,
    '1.3.6.1.5.5.7.3.5': 5,
    '1.3.6.1.5.5.7.3.6': 6,
    '1.3.6.1.5.5.7.3.7': 7,
    '1.3.6.1.5.5.7.3.8': 8,
    '1.3.6.1.5.5.7.3.9': 9,
};
const NAME_FIELDS = {
    '2.5.4.6': 'Country',
    '2.5.4.10': 'Organization',
    '2.5.4.11': 'OrganizationalUnit',
    '2.5.4.7': 'Locality',
    '2.5.4.8': 'Province',
    '2.5.4.9': 'StreetAddress',
    '2.5.4.17': 'PostalCode',
};
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export function x509Decode(pem) {
    const block = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
    if (!block)
        throw new Error('failed to decode PEM block');
    const der = Buffer.from(block[2].replace(/\s+/g, ''), 'base64');
    switch (block[1]) {
        case 'CERTIFICATE':
            return certificate(der);
        case 'CERTIFICATE REQUEST':
            return certificateRequest(der);
        default:
            throw new Error('PEM block neither contains a CERTIFICATE or CERTIFICATE REQUEST');
    }
}
function at(list, i) {
    const element = list[i];
    if (!element)
        throw new Error('x509: malformed certificate');
    return element;
}
function certificate(der) {
    const outer = children(read(der));
    const tbs = at(outer, 0);
    const fields = children(tbs);
    let i = 0;
    let version = 1;
    if (at(fields, 0).tag === 0xa0) {
        version = Number(integer(read(at(fields, 0).content))) + 1;
        i = 1;
    }
    const serial = integer(at(fields, i));
    const issuer = at(fields, i + 2);
    const validity = children(at(fields, i + 3));
    const subject = at(fields, i + 4);
    const spki = at(fields, i + 5);
    const extensions = fields.slice(i + 6).find((f) => f.tag === 0xa3);
    const parsed = parseExtensions(extensions ? children(read(extensions.content)) : []);
    return {
        Raw: der.toString('base64'),
        RawTBSCertificate: tbs.raw.toString('base64'),
        RawSubjectPublicKeyInfo: spki.raw.toString('base64'),
        RawSubject: subject.raw.toString('base64'),
        RawIssuer: issuer.raw.toString('base64'),
        Signature: bitString(at(outer, 2)).toString('base64'),
        SignatureAlgorithm: signatureAlgorithm(at(outer, 1)),
        PublicKeyAlgorithm: 1,
        PublicKey: rsaPublicKey(spki),
        Version: version,
        SerialNumber: Number(serial),
        Issuer: name(issuer),
        Subject: name(subject),
        NotBefore: time(at(validity, 0)),
        NotAfter: time(at(validity, 1)),
        KeyUsage: parsed.keyUsage,
        Extensions: parsed.list,
        ExtraExtensions: null,
        UnhandledCriticalExtensions: null,
        ExtKeyUsage: parsed.extKeyUsage,
        UnknownExtKeyUsage: parsed.unknownExtKeyUsage,
        BasicConstraintsValid: parsed.basicConstraintsValid,
        IsCA: parsed.isCA,
        MaxPathLen: parsed.maxPathLen,
        MaxPathLenZero: parsed.maxPathLenZero,
        SubjectKeyId: parsed.subjectKeyId,
        AuthorityKeyId: parsed.authorityKeyId,
        OCSPServer: null,
        IssuingCertificateURL: null,
        ...parsed.names,
        PermittedDNSDomainsCritical: false,
        PermittedDNSDomains: null,
        ExcludedDNSDomains: null,
        PermittedIPRanges: null,
        ExcludedIPRanges: null,
        PermittedEmailAddresses: null,
        ExcludedEmailAddresses: null,
        PermittedURIDomains: null,
        ExcludedURIDomains: null,
        CRLDistributionPoints: null,
        PolicyIdentifiers: null,
        Policies: null,
    };
}
function certificateRequest(der) {
    const outer = children(read(der));
    const info = at(outer, 0);
    const fields = children(info);
    const subject = at(fields, 1);
    const spki = at(fields, 2);
    const requested = fields[3]?.tag === 0xa0 ? extensionRequest(at(fields, 3)) : [];
    const parsed = parseExtensions(requested);
    return {
        Raw: der.toString('base64'),
        RawTBSCertificateRequest: info.raw.toString('base64'),
        RawSubjectPublicKeyInfo: spki.raw.toString('base64'),
        RawSubject: subject.raw.toString('base64'),
        Version: Number(integer(at(fields, 0))),
        Signature: bitString(at(outer, 2)).toString('base64'),
        SignatureAlgorithm: signatureAlgorithm(at(outer, 1)),
        PublicKeyAlgorithm: 1,
        PublicKey: rsaPublicKey(spki),
        Subject: name(subject),
        Attributes: null,
        Extensions: parsed.list,
        ExtraExtensions: null,
        ...parsed.names,
    };
}
/** The extensions of a CSR's extensionRequest attribute. */
function extensionRequest(attributes) {
    for (const attribute of children(attributes)) {
        const [type, values] = children(attribute);
        if (type && values && oid(type).join('.') === '1.2.840.113549.1.9.14') {
            const first = children(values)[0];
            return first ? children(first) : [];
        }
    }
    return [];
}
function bitString(element) {
    return element.content.subarray(1);
}
function signatureAlgorithm(identifier) {
    return SIGNATURE_ALGORITHMS[oid(at(children(identifier), 0)).join('.')] ?? 0;
}
function rsaPublicKey(spki) {
    const algorithm = oid(at(children(at(children(spki), 0)), 0)).join('.');
    if (algorithm !== RSA_ENCRYPTION)
        throw new Error('certificate should use rsa algorithm');
    const jwk = createPublicKey({ key: spki.raw, format: 'der', type: 'spki' }).export({ format: 'jwk' });
    const big = (b64url) => BigInt(`0x${Buffer.from(b64url ?? '', 'base64url').toString('hex') || '0'}`);
    return { N: big(jwk.n).toString(), E: Number(big(jwk.e)) };
}
/** pkix.Name: the well-known attributes in their fields, every attribute in Names. */
function name(element) {
    const out = {
        Country: null,
        Organization: null,
        OrganizationalUnit: null,
        Locality: null,
        Province: null,
        StreetAddress: null,
        PostalCode: null,
        SerialNumber: '',
        CommonName: '',
        Names: [],
        ExtraNames: null,
    };
    for (const rdn of children(element)) {
        for (const atv of children(rdn)) {
            const [type, value] = children(atv);
            if (!type || !value)
                continue;
            const id = oid(type);
            const text = directoryString(value);
            out.Names.push({ Type: id, Value: text });
            const key = id.join('.');
            if (key === '2.5.4.3')
                out.CommonName = text;
            else if (key === '2.5.4.5')
                out.SerialNumber = text;
            else if (NAME_FIELDS[key]) {
                const field = NAME_FIELDS[key];
                out[field] = [...(out[field] ?? []), text];
            }
        }
    }
    return out;
}
function parseExtensions(extensions) {
    const out = {
        list: extensions.length ? [] : null,
        keyUsage: 0,
        extKeyUsage: null,
        unknownExtKeyUsage: null,
        basicConstraintsValid: false,
        isCA: false,
        maxPathLen: 0,
        maxPathLenZero: false,
        subjectKeyId: null,
        authorityKeyId: null,
        names: { DNSNames: null, EmailAddresses: null, IPAddresses: null, URIs: null },
    };
    for (const extension of extensions) {
        const parts = children(extension);
        const id = oid(at(parts, 0));
        const critical = parts.length === 3 && at(parts, 1).content[0] !== 0;
        const value = at(parts, parts.length - 1).content;
        out.list?.push({ Id: id, Critical: critical, Value: value.toString('base64') });
        applyExtension(out, id.join('.'), read(value));
    }
    return out;
}
function applyExtension(out, id, value) {
    switch (id) {
        case '2.5.29.15': {
            const bits = value.content.subarray(1);
            for (let i = 0; i < bits.length * 8 && i < 9; i++)
                if ((bits[i >> 3] >> (7 - (i & 7))) & 1)
                    out.keyUsage |= 1 << i;
            return;
        }
        case '2.5.29.37':
            for (const usage of children(value)) {
                const key = oid(usage);
                const known = EXT_KEY_USAGES[key.join('.')];
                if (known === undefined)
                    out.unknownExtKeyUsage = [...(out.unknownExtKeyUsage ?? []), key];
                else
                    out.extKeyUsage = [...(out.extKeyUsage ?? []), known];
            }
            return;
        case '2.5.29.19': {
            const fields = children(value);
            out.basicConstraintsValid = true;
            out.isCA = fields[0]?.tag === 0x01 && fields[0].content[0] !== 0;
            const pathLen = fields.find((f) => f.tag === 0x02);
            out.maxPathLen = pathLen ? Number(integer(pathLen)) : -1;
            out.maxPathLenZero = out.maxPathLen === 0;
            return;
        }
        case '2.5.29.14':
            out.subjectKeyId = value.content.toString('base64');
            return;
        case '2.5.29.35': {
            const keyId = children(value).find((f) => f.tag === 0x80);
            if (keyId)
                out.authorityKeyId = keyId.content.toString('base64');
            return;
        }
        case '2.5.29.17':
            for (const general of children(value))
                addGeneralName(out.names, general);
            return;
        default:
            return;
    }
}
function addGeneralName(names, general) {
    const push = (key, text) => {
        names[key] = [...(names[key] ?? []), text];
    };
    switch (general.tag) {
        case 0x81:
            return push('EmailAddresses', general.content.toString('latin1'));
        case 0x82:
            return push('DNSNames', general.content.toString('latin1'));
        case 0x86:
            return push('URIs', general.content.toString('latin1'));
        case 0x87:
            return push('IPAddresses', ipText(general.content));
        default:
            return;
    }
}
function ipText(bytes) {
    if (bytes.length === 4)
        return [...bytes].join('.');
    const groups = [];
    for (let i = 0; i < bytes.length; i += 2)
        groups.push(bytes.readUInt16BE(i).toString(16));
    return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}
//# sourceMappingURL=x509.js.map