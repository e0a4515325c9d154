// A Gateway API `gateways.gateway.networking.k8s.io` CRD small enough for tests: kgate
// reads only metadata (namespace, name, labels) of Gateways, so the schema keeps the rest
// unknown-preserving. The real cluster has the Gateway API CRDs Envoy Gateway installs.
export const GATEWAY_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: 'gateways.gateway.networking.k8s.io',
    annotations: { 'api-approved.kubernetes.io': 'https://github.com/kubernetes-sigs/gateway-api/pull/1538' },
  },
  spec: {
    group: 'gateway.networking.k8s.io',
    names: { kind: 'Gateway', listKind: 'GatewayList', plural: 'gateways', singular: 'gateway' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    ],
  },
};

/**
 * apiextensions-apiserver serves CRDs only, not the built-in coordination.k8s.io Lease or
 * events.k8s.io Event. These CRDs serve the same paths and kinds (with optimistic
 * concurrency, AlreadyExists, 404 as any object), so kgate's Lease election and Event writes
 * run through the real client against real HTTP semantics; only the built-in schema
 * validation is missing.
 */
function builtinAsCrd(group: string, kind: string, plural: string) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}`, annotations: { 'api-approved.kubernetes.io': 'unapproved, test only: stands in for the built-in API' } },
    spec: {
      group,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
}

export const LEASE_CRD = builtinAsCrd('coordination.k8s.io', 'Lease', 'leases');
export const EVENT_CRD = builtinAsCrd('events.k8s.io', 'Event', 'events');
