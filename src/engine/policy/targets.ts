import type { CompiledPolicy, TargetRef } from './policy.js';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

export function isGatewayRef(ref: TargetRef): boolean {
  return ref.group === GATEWAY_GROUP && ref.kind === 'Gateway';
}

/**
 * Whether a policy's targetRefs select a Gateway listener by name: a ref to the
 * Gateway (same namespace as the policy, as Gateway API local references are)
 * without sectionName selects all its listeners; with sectionName, that one.
 * `section` undefined asks about the Gateway as a whole (only refs without
 * sectionName match).
 */
export function targetsGateway(policy: CompiledPolicy, namespace: string, name: string, section?: string): boolean {
  if ((policy.namespace ?? 'default') !== namespace) return false;
  return policy.targetRefs.some((ref) => isGatewayRef(ref) && ref.name === name && (ref.sectionName === undefined || ref.sectionName === section));
}

/** `<namespace>/<gateway>/<sectionName>` keys of the Gateway listeners a policy names; empty when it names none. */
export function sectionKeys(policy: CompiledPolicy): string[] {
  const ns = policy.namespace ?? 'default';
  return policy.targetRefs.filter((ref) => isGatewayRef(ref) && ref.sectionName !== undefined).map((ref) => `${ns}/${ref.name}/${ref.sectionName}`);
}

/** `<namespace>/<gateway>` of each Gateway a policy targets whole (a Gateway ref without sectionName). */
export function wholeGatewayKeys(policy: CompiledPolicy): string[] {
  const ns = policy.namespace ?? 'default';
  return policy.targetRefs.filter((ref) => isGatewayRef(ref) && ref.sectionName === undefined).map((ref) => `${ns}/${ref.name}`);
}

/** `<namespace>/<gateway>` of a Gateway listener key `<namespace>/<gateway>/<listener>`. */
export function gatewayOfSection(key: string): string {
  return key.slice(0, key.lastIndexOf('/'));
}
