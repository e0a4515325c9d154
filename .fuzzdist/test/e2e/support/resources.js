// Gateway API resources for EG's file provider: one GatewayClass whose EnvoyProxy pins the
// provisioned Envoy (func-e stays offline), one Gateway `eg` with HTTP listeners on the
// stack's ports, a route per listener to the echo backend, and policies.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
const repo = resolve(import.meta.dirname, '../../../..');
export function infrastructure(envoyVersion, mergeGateways = false) {
    return `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: eg }
spec:
  controllerName: gateway.envoyproxy.io/gatewayclass-controller
  parametersRef: { group: gateway.envoyproxy.io, kind: EnvoyProxy, name: proxy, namespace: default }
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyProxy
metadata: { name: proxy, namespace: default }
spec:
  extraArgs: [--disable-hot-restart]${mergeGateways ? '\n  mergeGateways: true' : ''}
  provider:
    type: Host
    host: { envoyVersion: "${envoyVersion}" }
`;
}
/** Gateway `eg` with one HTTP listener per name, on the stack's listener ports in order. */
export function gateway(ports, listeners) {
    const ls = listeners.map((name, i) => `  - { name: ${name}, protocol: HTTP, port: ${ports.listeners[i]} }`).join('\n');
    const routes = listeners
        .map((name) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: echo-${name}, namespace: default }
spec:
  parentRefs: [ { name: eg, sectionName: ${name} } ]
  rules:
  - backendRefs: [ { group: gateway.envoyproxy.io, kind: Backend, name: echo } ]
`)
        .join('');
    return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: eg, namespace: default }
spec:
  gatewayClassName: eg
  listeners:
${ls}
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: Backend
metadata: { name: echo, namespace: default }
spec:
  endpoints: [ { ip: { address: 127.0.0.1, port: ${ports.echo} } } ]
${routes}`;
}
/** Another Gateway of class eg with one HTTP listener `http` on the stack's listener port `index`, routed to the echo backend. */
export function otherGateway(ports, name, index) {
    return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: ${name}, namespace: default }
spec:
  gatewayClassName: eg
  listeners:
  - { name: http, protocol: HTTP, port: ${ports.listeners[index]} }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: ${name}-echo, namespace: default }
spec:
  parentRefs: [ { name: ${name} } ]
  rules:
  - backendRefs: [ { group: gateway.envoyproxy.io, kind: Backend, name: echo } ]
`;
}
/** The books example policy, attached to Gateway `eg` (or one listener of it). */
export function booksPolicy(sectionName) {
    const policy = readFileSync(resolve(repo, 'examples/books/kgate/policy.yaml'), 'utf8');
    const target = `  targetRefs:\n  - { group: gateway.networking.k8s.io, kind: Gateway, name: eg${sectionName ? `, sectionName: ${sectionName}` : ''} }\n`;
    return policy.replace(/^spec:\n/m, `spec:\n${target}`);
}
export const tokens = {
    admin: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6ImFkbWluIiwic3ViIjoiWVd4cFkyVT0ifQ.veMeVDYlulTdieeX-jxFZ_tCmqQ_K8rwx2OktUHv5Z0',
    guest: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6Imd1ZXN0Iiwic3ViIjoiWVd4cFkyVT0ifQ.ja1bgvIt47393ba_WbSBm35NrUhdxM4mOVQN8iXz8lk',
    // the guest payload under the admin token's signature
    forged: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIyNDEwODE1MzksIm5iZiI6MTUxNDg1MTEzOSwicm9sZSI6Imd1ZXN0Iiwic3ViIjoiWVd4cFkyVT0ifQ.veMeVDYlulTdieeX-jxFZ_tCmqQ_K8rwx2OktUHv5Z0',
};
/** A Backend for kgate itself, at one of its ports on loopback or a Unix socket. */
export function kgateBackend(name, at) {
    const endpoint = 'port' in at ? `{ ip: { address: 127.0.0.1, port: ${at.port} } }` : `{ unix: { path: ${at.unix} } }`;
    return `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: Backend
metadata: { name: ${name}, namespace: default }
spec:
  endpoints: [ ${endpoint} ]
`;
}
/** An EG SecurityPolicy on one HTTPRoute whose extAuth calls a kgate Backend (gRPC or plain HTTP). */
export function extAuthPolicy(route, protocol, backend) {
    return `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: SecurityPolicy
metadata: { name: ext-auth-${route}, namespace: default }
spec:
  targetRefs: [ { group: gateway.networking.k8s.io, kind: HTTPRoute, name: ${route} } ]
  extAuth:
    ${protocol}:
      backendRefs: [ { group: gateway.envoyproxy.io, kind: Backend, name: ${backend} } ]
`;
}
//# sourceMappingURL=resources.js.map