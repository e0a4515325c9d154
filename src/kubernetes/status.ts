// Making refused policies visible to `kubectl describe` without fighting Envoy
// Gateway: EG owns the policy's status (it writes status.ancestors, and its
// writes replace the status whole), so kgate writes Events (events.k8s.io/v1)
// regarding the policy instead: Warning `PolicyRefused` with the field path and
// reason, Normal `PolicyAccepted` when a refused policy compiles again.
//
// Every replica compiles every policy, but only one writes: the holder of the
// coordination.k8s.io Lease. Event names are derived from the object's uid,
// generation and the verdict, so a new leader re-reporting what the old one
// already wrote gets AlreadyExists, not a duplicate.
import { createHash } from 'node:crypto';
import { CoordinationV1Api, EventsV1Api, type KubeConfig, type V1Lease } from '@kubernetes/client-node';
import type { Logger } from '../runtime/logger.js';
import { keyOf, reasonOf } from './reflector.js';
import type { PolicyVerdict } from './source.js';

export const REPORTING_CONTROLLER = 'kgate.dev/kgate';

export interface StatusReporterOptions {
  readonly config: KubeConfig;
  /** Namespace of the Lease (kgate's own). */
  readonly namespace: string;
  readonly leaseName: string;
  /** This replica's identity in the Lease (the pod name). */
  readonly identity: string;
  readonly logger: Logger;
  readonly leaseDurationSeconds?: number;
}

/** Pending verdicts remembered while not leading (one per object; bounded). */
const MAX_PENDING = 10_000;

export class StatusReporter {
  private readonly leases: CoordinationV1Api;
  private readonly events: EventsV1Api;
  private readonly pending = new Map<string, PolicyVerdict>();
  private leading = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private ticking: Promise<void> | undefined;
  private readonly logger: Logger;
  private readonly durationS: number;
  private writes = 0;
  private failures = 0;

  constructor(private readonly options: StatusReporterOptions) {
    this.leases = options.config.makeApiClient(CoordinationV1Api);
    this.events = options.config.makeApiClient(EventsV1Api);
    this.logger = options.logger.child({ component: 'status', lease: `${options.namespace}/${options.leaseName}` });
    this.durationS = options.leaseDurationSeconds ?? 15;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  stats(): { leader: boolean; eventsWritten: number; eventWriteFailures: number; pending: number } {
    return { leader: this.leading, eventsWritten: this.writes, eventWriteFailures: this.failures, pending: this.pending.size };
  }

  /** A verdict from the policy source; written now when leading, else when this replica leads. */
  report(verdict: PolicyVerdict): void {
    const key = keyOf(verdict.object);
    this.pending.delete(key);
    if (this.pending.size < MAX_PENDING) this.pending.set(key, verdict);
    if (this.leading) void this.flush();
  }

  start(): void {
    const tick = () => {
      this.ticking = this.tick().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, (this.durationS * 1000) / 3);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    if (!this.leading) return;
    // Hand over at once: the next replica need not wait for the Lease to expire.
    try {
      const lease = await this.leases.readNamespacedLease({ name: this.options.leaseName, namespace: this.options.namespace });
      if (lease.spec?.holderIdentity === this.options.identity) {
        lease.spec.holderIdentity = undefined as never;
        await this.leases.replaceNamespacedLease({ name: this.options.leaseName, namespace: this.options.namespace, body: lease });
      }
    } catch (error) {
      this.logger.debug({ reason: reasonOf(error) }, 'could not release the status Lease; it expires by itself');
    }
    this.leading = false;
  }

  private async tick(): Promise<void> {
    const was = this.leading;
    try {
      this.leading = await this.acquireOrRenew();
    } catch (error) {
      this.leading = false;
      this.logger.warn({ reason: reasonOf(error) }, 'status Lease not renewed: not writing policy Events until it is');
    }
    if (this.leading !== was)
      this.logger.info({ identity: this.options.identity }, this.leading ? 'leading: this replica writes policy Events' : 'no longer leading');
    if (this.leading) await this.flush();
  }

  /** Takes the Lease when free or expired, renews it when held; optimistic concurrency decides races. */
  private async acquireOrRenew(): Promise<boolean> {
    const { namespace, leaseName: name } = this.options;
    const now = new Date();
    let lease: V1Lease;
    try {
      lease = await this.leases.readNamespacedLease({ name, namespace });
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
      return this.create(now);
    }
    return this.renew(lease, now);
  }

  private async create(now: Date): Promise<boolean> {
    const { namespace, leaseName: name, identity } = this.options;
    try {
      await this.leases.createNamespacedLease({
        namespace,
        body: {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace },
          spec: { holderIdentity: identity, leaseDurationSeconds: this.durationS, acquireTime: now, renewTime: now, leaseTransitions: 0 },
        },
      });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 409) return false; // another replica created it first
      throw error;
    }
  }

  private async renew(lease: V1Lease, now: Date): Promise<boolean> {
    const { namespace, leaseName: name, identity } = this.options;
    const spec = lease.spec ?? {};
    const renewed = spec.renewTime ? new Date(spec.renewTime).getTime() : 0;
    const expired = renewed + (spec.leaseDurationSeconds ?? this.durationS) * 1000 < now.getTime();
    const mine = spec.holderIdentity === identity;
    if (!mine && spec.holderIdentity && !expired) return false;
    lease.spec = {
      ...spec,
      holderIdentity: identity,
      leaseDurationSeconds: this.durationS,
      renewTime: now,
      ...(mine ? {} : { acquireTime: now, leaseTransitions: (spec.leaseTransitions ?? 0) + 1 }),
    };
    try {
      await this.leases.replaceNamespacedLease({ name, namespace, body: lease });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 409) return false; // another replica won this round
      throw error;
    }
  }

  private async flush(): Promise<void> {
    for (const [key, verdict] of [...this.pending]) {
      if (!this.leading) return;
      try {
        await this.write(verdict);
        if (this.pending.get(key) === verdict) this.pending.delete(key);
      } catch (error) {
        this.failures++;
        this.logger.warn({ policy: key, reason: reasonOf(error) }, 'cannot write the policy Event; retrying while leading');
        return;
      }
    }
  }

  private async write(verdict: PolicyVerdict): Promise<void> {
    const { object, error } = verdict;
    const namespace = object.metadata.namespace ?? 'default';
    const reason = error ? 'PolicyRefused' : 'PolicyAccepted';
    const note = error
      ? `kgate refused generation ${object.metadata.generation ?? '?'}${error.path ? ` at ${error.path}` : ''}: ${error.reason}${verdict.lastValidInForce ? ' (the last valid version stays in force)' : ' (no valid version: the policy is not enforced)'}`
      : `kgate accepted generation ${object.metadata.generation ?? '?'}`;
    const digest = createHash('sha256').update(`${object.metadata.uid}|${object.metadata.generation}|${reason}|${note}`).digest('hex').slice(0, 12);
    try {
      await this.events.createNamespacedEvent({
        namespace,
        body: {
          apiVersion: 'events.k8s.io/v1',
          kind: 'Event',
          metadata: { name: `${object.metadata.name}.kgate-${digest}`.slice(0, 253), namespace },
          eventTime: new Date(),
          reportingController: REPORTING_CONTROLLER,
          reportingInstance: this.options.identity.slice(0, 128),
          action: 'Compile',
          reason,
          type: error ? 'Warning' : 'Normal',
          note: note.slice(0, 1024),
          regarding: {
            apiVersion: object.apiVersion ?? 'kgate.dev/v1alpha1',
            kind: object.kind ?? 'AuthorizationPolicy',
            name: object.metadata.name,
            namespace,
            ...(object.metadata.uid ? { uid: object.metadata.uid } : {}),
            ...(object.metadata.resourceVersion ? { resourceVersion: object.metadata.resourceVersion } : {}),
          },
        },
      });
      this.writes++;
    } catch (e) {
      if ((e as { code?: number }).code === 409) return; // written already (by this leader or the previous one)
      throw e;
    }
  }
}
