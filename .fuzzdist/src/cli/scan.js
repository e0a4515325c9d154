// `kgate scan`: kyverno-json's scan command (same flags, same output, same
// exit codes): load policies, optional bindings and a payload, pre-process the
// payload with JMESPath, evaluate every policy against every resource.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Bindings } from '../engine/bindings.js';
import { createCompilers } from '../engine/compilers/index.js';
import { parseDocuments } from '../engine/policy/documents.js';
import { bindingLines, jsonReport, resultLines, runningLine, scan } from '../engine/policy/scan.js';
import { compileValidatingPolicy } from '../engine/policy/validating.js';
import { errorText } from '../engine/types.js';
import { EvaluationError } from '../engine/types.js';
import { parseFlags, runCommand, UsageError } from './args.js';
const USAGE = `usage: kgate scan --payload FILE --policy PATH... [--bindings FILE] [--pre-process EXPR]... [--labels SELECTOR]... [--output text|json]

Apply kyverno-json ValidatingPolicies to a JSON or YAML payload, as 'kyverno-json scan' does.

  --payload FILE       the payload (.json, or .yaml/.yml with one or more documents)
  --policy PATH        a policy file or a folder of .yaml/.yml policies (repeatable, comma-separated)
  --bindings FILE      a JSON/YAML object whose top-level keys become bindings ($key)
  --pre-process EXPR   a JMESPath expression applied to the payload first (repeatable, comma-separated)
  --labels SELECTOR    keep only policies whose labels match (k8s label selector; repeatable)
  --output FORMAT      text (default) or json
`;
const FLAGS = {
    payload: { type: 'string' },
    policy: { type: 'string', multiple: true },
    bindings: { type: 'string' },
    'pre-process': { type: 'string', multiple: true },
    labels: { type: 'string', multiple: true },
    output: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h' },
};
/** A failure kyverno-json reports as `Error: <message>` and exit code 1. */
class ScanError extends Error {
}
export async function run(argv) {
    return runCommand('scan', USAGE, async () => {
        const flags = parseFlags(argv, FLAGS);
        if (flags.help) {
            process.stdout.write(USAGE);
            return 0;
        }
        const out = new Output(flags.output === 'json');
        try {
            await scanCommand(flags, out);
            return 0;
        }
        catch (error) {
            if (error instanceof UsageError)
                throw error;
            process.stderr.write(`Error: ${errorText(error)}\n`);
            return 1;
        }
    });
}
class Output {
    json;
    constructor(json) {
        this.json = json;
    }
    line(text) {
        if (!this.json)
            process.stdout.write(`${text}\n`);
    }
}
async function scanCommand(flags, out) {
    const compilers = createCompilers(scanEnv());
    out.line('Loading policies ...');
    const selector = labelSelector(csv(flags.labels));
    const policies = loadPolicies(csv(flags.policy), compilers).filter((p) => selector(labelsOf(p.document)));
    let bindings = {};
    if (flags.bindings) {
        out.line('Loading bindings ...');
        const loaded = loadPayload(flags.bindings);
        if (typeof loaded !== 'object' || loaded === null || Array.isArray(loaded))
            throw new ScanError('bindings are not a map[string]any object');
        bindings = loaded;
        bindingLines(bindings).forEach((l) => out.line(l));
    }
    out.line('Loading payload ...');
    let payload = loadPayload(flags.payload ?? '');
    if (payload === null)
        throw new ScanError('payload is `null`');
    out.line('Pre processing ...');
    for (const statement of csv(flags['pre-process']))
        payload = await preProcess(compilers.jp, statement, payload);
    const resources = Array.isArray(payload) ? payload : [payload];
    out.line(runningLine(resources.length, policies.length));
    const responses = await scan(resources, policies, bindings);
    resultLines(responses).forEach((l) => out.line(l));
    if (out.json)
        process.stdout.write(`${jsonReport(responses)}\n`);
    out.line('Done');
}
/** scan has no key sources: functions that need keys fail with a clear reason. */
function scanEnv() {
    const refuse = (what) => {
        throw new EvaluationError(`kgate scan has no key sources: cannot read ${what}`);
    };
    const keys = { jwks: (url) => refuse(`JWKS ${url}`), file: (path) => refuse(`key file ${path}`) };
    return { now: () => Date.now(), keys };
}
async function preProcess(jp, statement, payload) {
    const result = await jp.compile(statement).evaluate(payload, { bindings: Bindings.empty });
    if (result === null || result === undefined)
        throw new ScanError(`prepocessor resulted in \`null\` payload (${statement})`);
    return result;
}
/** Go's StringSlice flag values: each occurrence is a CSV record. */
export function csv(values) {
    return (values ?? []).flatMap((value) => (value === '' ? [] : csvRecord(value)));
}
function csvRecord(text) {
    const fields = [];
    let i = 0;
    for (;;) {
        let field = '';
        if (text[i] === '"') {
            i++;
            for (;;) {
                if (i >= text.length)
                    throw new UsageError(`invalid flag value ${JSON.stringify(text)}: extraneous or missing " in quoted-field`);
                if (text[i] === '"') {
                    if (text[i + 1] !== '"')
                        break;
                    i++;
                }
                field += text[i++];
            }
            i++;
            if (i < text.length && text[i] !== ',')
                throw new UsageError(`invalid flag value ${JSON.stringify(text)}: extraneous or missing " in quoted-field`);
        }
        else {
            while (i < text.length && text[i] !== ',') {
                if (text[i] === '"')
                    throw new UsageError(`invalid flag value ${JSON.stringify(text)}: bare " in non-quoted-field`);
                field += text[i++];
            }
        }
        fields.push(field);
        if (i >= text.length)
            return fields;
        i++;
    }
}
function readText(path) {
    try {
        return readFileSync(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : error.message;
        throw new ScanError(`open ${path}: ${reason}`);
    }
}
const isYaml = (path) => ['.yaml', '.yml'].includes(extname(path));
/** kyverno-json's policy.Load: every .yaml/.yml file under each path (lexical order), all documents ValidatingPolicies. */
function loadPolicies(paths, compilers) {
    return paths.flatMap((path) => yamlFiles(path).flatMap((file) => {
        const documents = parseDocuments(readText(file), file);
        return documents.map((doc) => compileValidatingPolicy(doc.value, { source: file, compilers, defaultCompiler: 'jp', ...(documents.length > 1 ? { document: doc.index } : {}) }, 'report'));
    }));
}
function yamlFiles(path) {
    let stat;
    try {
        stat = statSync(path);
    }
    catch {
        throw new ScanError(`lstat ${path}: no such file or directory`);
    }
    if (!stat.isDirectory())
        return isYaml(path) ? [path] : [];
    return readdirSync(path)
        .sort()
        .flatMap((name) => yamlFiles(join(path, name)));
}
/** kyverno-json's payload.Load: JSON by extension, or YAML documents (one: that object; several: a list). */
function loadPayload(path) {
    const text = readText(path);
    if (extname(path) === '.json') {
        try {
            return JSON.parse(text);
        }
        catch (error) {
            throw new ScanError(`${path}: ${error.message}`);
        }
    }
    if (!isYaml(path))
        throw new ScanError(`unrecognized payload format, must be yaml or json (${path})`);
    const documents = parseDocuments(text, path).map((d) => d.value);
    documents.forEach((d, i) => {
        if (d !== null && (typeof d !== 'object' || Array.isArray(d))) {
            throw new ScanError(`${path}: document ${i + 1}: cannot unmarshal ${Array.isArray(d) ? '!!seq' : 'a scalar'} into map[string]interface {}`);
        }
    });
    return documents.length === 1 ? documents[0] : documents;
}
function labelsOf(document) {
    const metadata = document.metadata;
    const labels = metadata?.labels;
    return typeof labels === 'object' && labels !== null ? labels : {};
}
/**
 * A Kubernetes label selector (`a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x)`, `a`, `!a`), requirements joined by commas.
 */
export function labelSelector(parts) {
    const text = parts.join(',');
    if (text.trim() === '')
        return () => true;
    const requirements = splitRequirements(text).map(requirement);
    return (labels) => requirements.every((r) => r(labels));
}
function splitRequirements(text) {
    const out = [];
    let depth = 0;
    let current = '';
    for (const c of text) {
        if (c === '(')
            depth++;
        if (c === ')')
            depth--;
        if (c === ',' && depth === 0) {
            out.push(current.trim());
            current = '';
        }
        else {
            current += c;
        }
    }
    out.push(current.trim());
    return out;
}
function requirement(text) {
    const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(text);
    if (set) {
        const [, key = '', op, list = ''] = set;
        const values = list.split(',').map((v) => v.trim());
        return op === 'in'
            ? (l) => Object.hasOwn(l, key) && values.includes(l[key])
            : (l) => !Object.hasOwn(l, key) || !values.includes(l[key]);
    }
    const cmp = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(text);
    if (cmp) {
        const [, key = '', op, value] = cmp;
        return op === '!=' ? (l) => l[key] !== value : (l) => Object.hasOwn(l, key) && l[key] === value;
    }
    const exists = /^(!?)([\w./-]+)$/.exec(text);
    if (exists) {
        const [, not, key = ''] = exists;
        return not ? (l) => !Object.hasOwn(l, key) : (l) => Object.hasOwn(l, key);
    }
    throw new UsageError(`invalid label selector requirement ${JSON.stringify(text)}`);
}
//# sourceMappingURL=scan.js.map