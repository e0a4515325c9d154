import { errorText } from '../types.js';
/** Where a compile error points: line and column of cel-js's caret, and its one-line reason. */
export class CelCompileError extends Error {
    reason;
    position;
    constructor(reason, position) {
        super(position ? `${reason} (at ${position})` : reason);
        this.reason = reason;
        this.position = position;
        this.name = 'CelCompileError';
    }
}
const VARIABLE_REFERENCE = /\bvariables\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g;
export function compileCel(env, source) {
    let run;
    let type;
    try {
        const parsed = env.parse(source);
        const checked = parsed.check();
        if (!checked.valid)
            throw checked.error;
        type = String(checked.type);
        run = parsed;
    }
    catch (error) {
        throw compileError(error, source);
    }
    const variables = [...new Set([...source.matchAll(VARIABLE_REFERENCE)].map((m) => m[1]))];
    return { source, type, variables, evaluate: (context) => run(context) };
}
/** cel-js messages are `reason\n\n>  1 | source\n     ^`: keep the reason, turn the caret into line:column. */
function compileError(error, source) {
    const text = errorText(error);
    const [reason = text] = text.split('\n');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /^>\s*\d+ \|/.test(l));
    let position;
    if (at !== -1 && lines[at + 1] !== undefined) {
        const line = Number(/^>\s*(\d+)/.exec(lines[at])[1]);
        const prefix = lines[at].indexOf('|') + 2;
        const column = lines[at + 1].indexOf('^') - prefix + 1;
        if (column > 0)
            position = `line ${line}, column ${column}`;
    }
    else if (source.length === 0)
        position = 'line 1, column 1';
    return new CelCompileError(reason.trim(), position);
}
//# sourceMappingURL=program.js.map