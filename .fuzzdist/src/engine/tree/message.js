import { DeadlineExceededError } from '../types.js';
import { errorText } from '../types.js';
import { isPromise } from '../async.js';
const TEMPLATE = /{{(.*?)}}/g;
export function compileMessage(message, jp) {
    const substitutions = [...message.matchAll(TEMPLATE)].map(([placeholder, inner = '']) => {
        const statement = inner.trim();
        try {
            return { placeholder, statement, expression: jp.compile(statement) };
        }
        catch (error) {
            return { placeholder, statement, compileError: errorText(error) };
        }
    });
    if (substitutions.length === 0)
        return () => message;
    return (payload, scope) => substitute(message, substitutions, 0, payload, scope);
}
function substitute(out, list, i, payload, scope) {
    for (; i < list.length; i++) {
        const s = list[i];
        const rendered = render(s, payload, scope);
        if (isPromise(rendered)) {
            const next = i + 1;
            return rendered.then((text) => substitute(out.replaceAll(s.placeholder, () => text), list, next, payload, scope));
        }
        // A function replacement: `$` in the text must not be read as a pattern.
        out = out.replaceAll(s.placeholder, () => rendered);
    }
    return out;
}
function render(s, payload, scope) {
    if (!s.expression)
        return `ERR (${s.statement} - ${s.compileError})`;
    let result;
    try {
        result = s.expression.evaluate(payload, scope);
    }
    catch (error) {
        return failed(s, error);
    }
    return isPromise(result)
        ? result.then((r) => text(s, r), (error) => failed(s, error))
        : text(s, result);
}
function text(s, result) {
    if (result === null || result === undefined)
        return `ERR (${s.statement} not found)`;
    return typeof result === 'string' ? result : `ERR (${s.statement} not a string)`;
}
function failed(s, error) {
    if (error instanceof DeadlineExceededError)
        throw error;
    return `ERR (${s.statement} - ${errorText(error)})`;
}
//# sourceMappingURL=message.js.map