/** jsonata 2.x's built-in functions: never bindings, never shadowed by kgate functions. */
export const JSONATA_BUILTINS = new Set(('sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad ' +
    'match contains replace split join formatNumber formatBase formatInteger parseInteger number floor ceil round abs ' +
    'sqrt power random boolean not map zip filter single reduce sift keys lookup append exists spread merge reverse ' +
    'each error assert type sort shuffle distinct base64encode base64decode encodeUrlComponent encodeUrl ' +
    'decodeUrlComponent decodeUrl eval toMillis fromMillis clone now millis').split(' '));
const LETTERS = { string: 's', number: 'n', boolean: 'b', array: 'a', object: 'o', null: 'l', any: 'j' };
export function kgateFunctionTable(env, functions) {
    const table = new Map();
    for (const def of functions) {
        if (JSONATA_BUILTINS.has(def.jsonata))
            throw new Error(`function $${def.jsonata} would shadow JSONata's built-in $${def.jsonata}`);
        if (table.has(def.jsonata))
            throw new Error(`function $${def.jsonata} is defined twice`);
        table.set(def.jsonata, {
            name: def.jsonata,
            args: def.args,
            signature: `<${def.args.map(letter).join('')}>`,
            implementation: (...args) => def.impl(args.map(argument), env),
            apply: (args) => {
                for (let i = 0; i < def.args.length; i++)
                    args[i] ??= null;
                return def.impl(args, env);
            },
        });
    }
    return table;
}
function letter(spec) {
    const letters = spec.types.map((type) => LETTERS[type]).join('');
    return (letters.length > 1 ? `(${letters})` : letters) + (spec.optional ? '?' : '');
}
function argument(value) {
    if (value === undefined)
        return null;
    return Array.isArray(value) && value.sequence ? value.slice() : value;
}
/**
 * Whether JSONata would pass these arguments to the function unchanged: the
 * count fits and each is missing or of an accepted type. Arrays are left to
 * JSONata (it wraps single values into arrays for array parameters).
 */
export function acceptsAsIs(fn, args) {
    if (args.length > fn.args.length)
        return false;
    for (let i = 0; i < fn.args.length; i++) {
        const spec = fn.args[i];
        if (i >= args.length ? spec.optional !== true : !accepts(spec, args[i]))
            return false;
    }
    return true;
}
function accepts(spec, value) {
    if (value === undefined)
        return true;
    if (Array.isArray(value))
        return false;
    const type = value === null ? 'null' : typeof value;
    return spec.types.includes('any') ? type !== 'function' : spec.types.includes(type);
}
//# sourceMappingURL=functions.js.map