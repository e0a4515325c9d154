import { EvaluationError } from './types.js';
import { isPromise } from './async.js';
/**
 * Immutable chain of named values (names without `$`). Lazy entries run at
 * most once, on first use, and later lookups share the result: kyverno-json's
 * context entries are evaluated only when an expression reads them.
 */
export class Bindings {
    parent;
    name;
    slot;
    static empty = new Bindings(undefined, '', { value: undefined });
    state;
    constructor(parent, name, slot) {
        this.parent = parent;
        this.name = name;
        this.slot = slot;
    }
    with(name, value) {
        return new Bindings(this, name, { value });
    }
    withLazy(name, compute) {
        return new Bindings(this, name, { compute });
    }
    has(name) {
        return this.find(name) !== undefined;
    }
    /** The value bound to `name`; throws EvaluationError when nothing is. */
    get(name) {
        const node = this.find(name);
        if (!node)
            throw new EvaluationError(`variable not defined: $${name}`);
        return node.resolve();
    }
    /** Binding names, innermost first, each once. */
    names() {
        const seen = new Set();
        for (let node = this; node?.parent; node = node.parent)
            seen.add(node.name);
        return [...seen];
    }
    find(name) {
        for (let node = this; node?.parent; node = node.parent) {
            if (node.name === name)
                return node;
        }
        return undefined;
    }
    resolve() {
        if ('value' in this.slot)
            return this.slot.value;
        if (this.state === undefined)
            this.state = this.run(this.slot.compute);
        if (this.state.kind === 'error')
            throw this.state.error;
        return this.state.value;
    }
    // A failed computation is remembered too: every reader sees the same error.
    run(compute) {
        let value;
        try {
            value = compute();
        }
        catch (error) {
            return { kind: 'error', error };
        }
        if (isPromise(value)) {
            value.then((settled) => (this.state = { kind: 'value', value: settled }), (error) => (this.state = { kind: 'error', error }));
        }
        return { kind: 'value', value };
    }
}
//# sourceMappingURL=bindings.js.map