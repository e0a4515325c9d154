import { loop, then } from '../async.js';
import { concat, NONE } from './flow.js';
/** `any`: the first tree without errors matches and `all` is not evaluated; otherwise every tree of `all` must hold. */
export function matchProgram(any, all) {
    return (payload, scope) => {
        let errs = NONE;
        let matched = false;
        const anyDone = loop(any.length, (i) => then(any[i].assert(payload, undefined, scope), (e) => {
            matched = e.length === 0;
            errs = concat(errs, e);
            return matched;
        }));
        return then(anyDone, () => {
            if (matched)
                return NONE;
            const allDone = loop(all.length, (i) => then(all[i].assert(payload, undefined, scope), (e) => {
                errs = concat(errs, e);
                return false;
            }));
            return then(allDone, () => errs);
        });
    };
}
/**
 * `any` holds when one of its assertions holds (the failures of all of them
 * otherwise, and `all` is then skipped); `all` reports each failing assertion.
 */
export function assertProgram(any, all) {
    return (payload, scope) => {
        let fails = [];
        let passed = false;
        const anyDone = loop(any.length, (i) => then(check(any[i], payload, scope), (violation) => {
            passed = violation === undefined;
            if (violation)
                fails.push(violation);
            return passed;
        }));
        return then(anyDone, () => {
            if (any.length > 0 && !passed)
                return fails;
            fails = [];
            const allDone = loop(all.length, (i) => then(check(all[i], payload, scope), (violation) => {
                if (violation)
                    fails.push(violation);
                return false;
            }));
            return then(allDone, () => fails);
        });
    };
}
function check(assertion, payload, scope) {
    return then(assertion.node.assert(payload, undefined, scope), (errors) => {
        if (errors.length === 0)
            return undefined;
        if (!assertion.message)
            return { check: assertion.check, errors };
        return then(assertion.message(payload, scope), (message) => ({ message, check: assertion.check, errors }));
    });
}
//# sourceMappingURL=assertions.js.map