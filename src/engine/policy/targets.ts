import type { CompiledPolicy, TargetRef } from './policy.js';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** The route kinds a policy can target (Envoy Gateway ≥ 1.9 hands such policies to PostRouteModify). */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'] as const;

export function isGatewayRef(ref: TargetRef): boolean {
  return ref.group === GATEWAY_GROUP && ref.kind === 'Gateway';
}

export function isRouteRef(ref: TargetRef): boolean {
  return ref.group === GATEWAY_GROUP && (ROUTE_KINDS as readonly string[]).includes(ref.kind);
}

/**
 * How specific the scope is at which a policy applies to a request, least first:
 * Gateway-wide (or untargeted), one Gateway listener, one route, one rule of a route.
 * Allow shaping runs in this order (the most specific last, so it wins); the denial
 * is shaped by the most specific scope that has a violated rule with `deny`.
 */
export const Specificity = { gateway: 0, listener: 1, route: 2, rule: 3 } as const;
export type Specificity = (typeof Specificity)[keyof typeof Specificity];

/** A route as a Check names it: the Gateway API object and, when the rule has a name, the rule. */
export interface RouteIdentity {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The rule's `name` (what a targetRef's sectionName names); undefined for an unnamed rule. */
  readonly rule?: string;
}

/**
 * The specificity at which a policy's route targets select a route, or undefined when none
 * does: a ref to the route (same namespace, as Gateway API local references are) without
 * sectionName selects all its rules (`route`), with sectionName the rule of that name (`rule`).
 */
export function routeSpecificity(policy: CompiledPolicy, route: RouteIdentity): Specificity | undefined {
  if ((policy.namespace ?? 'default') !== route.namespace) return undefined;
  let best: Specificity | undefined;
  for (const ref of policy.targetRefs) {
    if (!isRouteRef(ref) || ref.kind !== route.kind || ref.name !== route.name) continue;
    if (ref.sectionName === undefined) best ??= Specificity.route;
    else if (ref.sectionName === route.rule) best = Specificity.rule;
  }
  return best;
}

/** The specificity of a policy EG handed to PostRouteModify for one route: `rule` when a route ref of it names a rule. */
export function routeHookSpecificity(policy: CompiledPolicy, route: RouteIdentity | undefined): Specificity {
  if (route) return routeSpecificity(policy, route) ?? Specificity.route;
  return policy.targetRefs.some((ref) => isRouteRef(ref) && ref.sectionName !== undefined) ? Specificity.rule : Specificity.route;
}

/** Whether a policy names any Gateway (whole or a listener). */
export function targetsAnyGateway(policy: CompiledPolicy): boolean {
  return policy.targetRefs.some(isGatewayRef);
}

/** Whether a policy names any route. */
export function targetsAnyRoute(policy: CompiledPolicy): boolean {
  return policy.targetRefs.some(isRouteRef);
}

/** `<Kind>/<namespace>/<name>` of a route identity, as logs and `kgate check --route` print it. */
export function routeLabel(route: RouteIdentity): string {
  return `${route.kind}/${route.namespace}/${route.name}${route.rule === undefined ? '' : `/${route.rule}`}`;
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
