// The Kubernetes API through @kubernetes/client-node: the configuration
// (in-cluster, or a kubeconfig file) and the list/watch of one custom resource
// the reflector runs on, in all namespaces or one.
import { CustomObjectsApi, KubeConfig, Watch } from '@kubernetes/client-node';
import type { KubeObject, ListResult, ResourceApi } from './reflector.js';

/** A kubeconfig file, else the in-cluster service account (KUBERNETES_SERVICE_HOST), else the default kubeconfig. */
export function loadKubeConfig(path: string | undefined): KubeConfig {
  const config = new KubeConfig();
  if (path !== undefined) config.loadFromFile(path);
  else if (process.env.KUBERNETES_SERVICE_HOST) config.loadFromCluster();
  else config.loadFromDefault();
  if (!config.getCurrentCluster()) throw new Error(`no current cluster in the Kubernetes configuration${path === undefined ? '' : ` ${path}`}`);
  return config;
}

export interface ResourceRef {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

export const POLICY_RESOURCE: ResourceRef = { group: 'kgate.dev', version: 'v1alpha1', plural: 'authorizationpolicies' };
export const GATEWAY_RESOURCE: ResourceRef = { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gateways' };

export function customResourceApi(config: KubeConfig, ref: ResourceRef, namespace: string | undefined): ResourceApi {
  const objects = config.makeApiClient(CustomObjectsApi);
  const watcher = new Watch(config);
  const base = `/apis/${ref.group}/${ref.version}`;
  const path = namespace === undefined ? `${base}/${ref.plural}` : `${base}/namespaces/${encodeURIComponent(namespace)}/${ref.plural}`;
  return {
    resource: `${ref.plural}.${ref.group}${namespace === undefined ? '' : ` in ${namespace}`}`,
    async list(): Promise<ListResult> {
      const { group, version, plural } = ref;
      const list = (
        namespace === undefined
          ? await objects.listClusterCustomObject({ group, version, plural })
          : await objects.listNamespacedCustomObject({ group, version, namespace, plural })
      ) as {
        items?: KubeObject[];
        metadata?: { resourceVersion?: string };
      };
      const resourceVersion = list.metadata?.resourceVersion;
      if (typeof resourceVersion !== 'string') throw new Error(`list of ${path} has no metadata.resourceVersion`);
      return { items: list.items ?? [], resourceVersion };
    },
    watch(resourceVersion, timeoutSeconds, onEvent, done) {
      return watcher.watch(
        path,
        { resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
        (type: string, object: unknown) => onEvent(type, object),
        done,
      );
    },
  };
}
