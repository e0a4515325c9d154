const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export function isGatewayRef(ref) {
    return ref.group === GATEWAY_GROUP && ref.kind === 'Gateway';
}
/**
 * Whether a policy's targetRefs select a Gateway listener by name: a ref to the
 * Gateway (same namespace as the policy, as Gateway API local references are)
 * without sectionName selects all its listeners; with sectionName, that one.
 * `section` undefined asks about the Gateway as a whole (only refs without
 * sectionName match).
 */
export function targetsGateway(policy, namespace, name, section) {
    if ((policy.namespace ?? 'default') !== namespace)
        return false;
    return policy.targetRefs.some((ref) => isGatewayRef(ref) && ref.name === name && (ref.sectionName === undefined || ref.sectionName === section));
}
/** `<namespace>/<gateway>/<sectionName>` keys of the Gateway listeners a policy names; empty when it names none. */
export function sectionKeys(policy) {
    const ns = policy.namespace ?? 'default';
    return policy.targetRefs.filter((ref) => isGatewayRef(ref) && ref.sectionName !== undefined).map((ref) => `${ns}/${ref.name}/${ref.sectionName}`);
}
/** `<namespace>/<gateway>` of each Gateway a policy targets whole (a Gateway ref without sectionName). */
export function wholeGatewayKeys(policy) {
    const ns = policy.namespace ?? 'default';
    return policy.targetRefs.filter((ref) => isGatewayRef(ref) && ref.sectionName === undefined).map((ref) => `${ns}/${ref.name}`);
}
/** `<namespace>/<gateway>` of a Gateway listener key `<namespace>/<gateway>/<listener>`. */
export function gatewayOfSection(key) {
    return key.slice(0, key.lastIndexOf('/'));
}
//# sourceMappingURL=targets.js.map