// Route hook inputs as Envoy Gateway v1.9 sends them: xds routes with its `envoy-gateway`
// metadata, PostRouteModifyRequests with extension_policies, and route-targeting policies.
import { create, toBinary, type JsonObject } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { RouteSchema } from '../../../src/gen/envoy/config/route/v3/route_components_pb.js';

/** An xds route as EG v1.9 builds it: name, and `envoy-gateway` metadata naming its HTTPRoute and rule. */
export function egRoute(name: string, route: { namespace: string; name: string; rule?: string; annotations?: Record<string, string> }): Uint8Array {
  const resource: JsonObject = { kind: 'HTTPRoute', name: route.name, namespace: route.namespace };
  if (route.annotations) resource.annotations = route.annotations;
  if (route.rule) resource.sectionName = route.rule;
  return toBinary(
    RouteSchema,
    create(RouteSchema, {
      name,
      match: { pathSpecifier: { case: 'prefix', value: '/' } },
      action: { case: 'route', value: { clusterSpecifier: { case: 'cluster', value: name } } },
      metadata: { filterMetadata: { 'envoy-gateway': { resources: [resource] } } },
    }),
  );
}

/** A PostRouteModifyRequest: the route, and the policies as PostRouteExtensionContext.extension_policies (field 3). */
export function routeRequest(route: Uint8Array, policies: readonly object[], hostnames: readonly string[] = ['www.example.com']): Uint8Array {
  const writer = new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(route);
  writer.tag(2, WireType.LengthDelimited).fork();
  for (const host of hostnames) writer.tag(2, WireType.LengthDelimited).string(host);
  for (const policy of policies) {
    writer
      .tag(3, WireType.LengthDelimited)
      .fork()
      .tag(1, WireType.LengthDelimited)
      .bytes(new TextEncoder().encode(JSON.stringify(policy)))
      .join();
  }
  return writer.join().finish();
}

/** An AuthorizationPolicy as EG sends it, with its own targets and rules. */
export function policy(name: string, targetRefs: object[], rules: object[], spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'kgate.dev/v1alpha1',
    kind: 'AuthorizationPolicy',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, generation: 1 },
    spec: { targetRefs: targetRefs.map((r) => ({ group: 'gateway.networking.k8s.io', ...r })), rules, ...spec },
  };
}
