import { compilePolicyObject } from '../engine/policy/load.js';
import { PolicyError, errorText } from '../engine/types.js';
import { isObject } from '../engine/json.js';
const utf8 = new TextDecoder('utf-8', { fatal: true });
export class PolicyIntake {
    compilers;
    logger;
    seen = new Map();
    lastValid = new Map();
    constructor(compilers, logger) {
        this.compilers = compilers;
        this.logger = logger;
    }
    /** The policies among `resources`, one per id; bad resources are logged and skipped. */
    read(resources, listener) {
        return this.readInForce(resources, listener).policies;
    }
    /**
     * The policies, and the resource bytes that are in force for them: a refused object's
     * last valid version, so a state file written from them restores what was deciding.
     */
    readInForce(resources, listener) {
        const policies = new Map();
        resources.forEach((bytes, index) => {
            const valid = this.readOne(bytes, index, listener);
            if (valid)
                policies.set(valid.policy.id, valid);
        });
        const inForce = [...policies.values()];
        return { policies: inForce.map((v) => v.policy), bytes: inForce.map((v) => v.bytes) };
    }
    readOne(bytes, index, listener) {
        let object;
        try {
            object = JSON.parse(utf8.decode(bytes));
        }
        catch (error) {
            this.logger.error({ listener, resource: index, reason: errorText(error) }, 'extension resource refused: not JSON');
            return undefined;
        }
        // Whatever one resource holds (nesting deep enough to overflow the stack included), the others still apply.
        try {
            return this.intake(object, bytes, index, listener);
        }
        catch (error) {
            this.logger.error({ listener, resource: index, policy: nameOf(object, index), reason: errorText(error) }, 'extension resource refused');
            return undefined;
        }
    }
    intake(object, bytes, index, listener) {
        const { identity, source, key } = describe(object, index);
        const fresh = this.seen.get(identity)?.key !== key;
        if (fresh)
            this.seen.set(identity, { key, result: this.compile(object, source) });
        const { result } = this.seen.get(identity);
        if (!(result instanceof Error)) {
            const valid = { policy: result, bytes };
            this.lastValid.set(identity, valid);
            return valid;
        }
        const previous = this.lastValid.get(identity);
        const details = { listener, policy: identity, ...errorFields(result), lastValidInForce: previous !== undefined };
        // Logged once per version: EG sends the same object with every listener.
        if (fresh)
            this.logger.error(details, 'policy refused');
        return previous;
    }
    compile(object, source) {
        try {
            const policy = compilePolicyObject(object, source, this.compilers);
            if (policy.targetRefs.length === 0 && !policy.targetSelectors) {
                throw new PolicyError(source, 'spec.targetRefs', 'no targets: Envoy Gateway attaches a policy through spec.targetRefs, spec.targetRef or spec.targetSelectors');
            }
            return policy;
        }
        catch (error) {
            return error instanceof Error ? error : new Error(String(error));
        }
    }
}
/** How logs name the object, the PolicyError source, and the compile cache key. */
function describe(object, index) {
    const o = isObject(object) ? object : {};
    const metadata = isObject(o.metadata) ? o.metadata : {};
    const name = nameOf(object, index);
    return {
        identity: `${scalar(o.kind) ?? 'object'} ${name} (${scalar(o.apiVersion) ?? 'no apiVersion'})`,
        source: `extension resource ${name}`,
        key: JSON.stringify([o.apiVersion, o.kind, metadata.namespace, metadata.name, o.spec]),
    };
}
/** `namespace/name`, or `#index` when the object has no usable name; reads only scalars, so it cannot throw. */
function nameOf(object, index) {
    const metadata = isObject(object) && isObject(object.metadata) ? object.metadata : {};
    const namespace = scalar(metadata.namespace);
    return `${namespace === undefined ? '' : `${namespace}/`}${scalar(metadata.name) ?? `#${index}`}`;
}
/** A scalar as text, clipped so a megabyte name does not become a megabyte log line. */
function scalar(value) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        return undefined;
    const text = String(value);
    return text.length > 253 ? `${text.slice(0, 253)}…` : text;
}
function errorFields(error) {
    return error instanceof PolicyError ? { path: error.path, reason: error.reason } : { reason: error.message };
}
//# sourceMappingURL=intake.js.map