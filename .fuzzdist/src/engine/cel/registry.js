/** Declares the namespace `name` and returns the type its functions hang on. */
export function namespace(env, name) {
    const type = `${name}.Namespace`.replace(/\./g, '_');
    class Namespace {
    }
    Object.defineProperty(Namespace, 'name', { value: type });
    env.registerType(type, Namespace);
    env.registerConstant(name, type, new Namespace());
    return type;
}
/** A member function of `receiver` (a namespace type or a value type); results are `dyn` (see envoy.ts). */
export function register(env, receiver, name, params, handler, returnType = 'dyn') {
    const isNamespace = receiver.endsWith('_Namespace');
    env.registerFunction({
        name,
        receiverType: receiver,
        returnType,
        params: params.map((type) => ({ type })),
        handler: isNamespace ? (_ns, ...args) => handler(...args) : handler,
    });
}
/** A CEL value as plain JSON-able JS: ints become numbers, Maps objects, Sets arrays. */
export function plainValue(value) {
    if (typeof value === 'bigint')
        return Number(value);
    if (value instanceof Map)
        return Object.fromEntries([...value].map(([k, v]) => [String(k), plainValue(v)]));
    if (value instanceof Set || Array.isArray(value))
        return [...value].map(plainValue);
    if (value instanceof Uint8Array)
        return Buffer.from(value).toString('base64');
    if (value instanceof Date)
        return value.toISOString();
    if (value !== null && typeof value === 'object') {
        if (typeof value.valueOf === 'function' && value.constructor?.name === 'UnsignedInt')
            return Number(value.valueOf());
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
    }
    return value;
}
//# sourceMappingURL=registry.js.map