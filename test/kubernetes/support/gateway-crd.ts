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
