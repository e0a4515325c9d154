// A real Kubernetes API server for tests: etcd and k8s.io/apiextensions-apiserver (it
// serves CRDs and their objects on its own, no kube-apiserver) on loopback, random free
// ports, TLS with a throwaway CA, and a client certificate in system:masters written to a
// kubeconfig. Started and stopped by the PIDs this module started, never by name.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import https from 'node:https';

export const REPO = resolve(import.meta.dirname, '../../../..');

export interface KubeTools {
  readonly apiextBin: string;
  readonly etcdBin: string;
  readonly helmBin: string;
}

/** The binaries scripts/provision.sh installed; a missing one fails with what to run. */
export function kubeTools(): KubeTools {
  const file = join(REPO, '.tools/env');
  if (!existsSync(file)) throw new Error(`${file} missing: run scripts/provision.sh (npm run test:kubernetes does)`);
  const env = Object.fromEntries(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('=', 2) as [string, string]),
  );
  const need = (key: string): string => {
    const value = env[key];
    if (value === undefined) throw new Error(`${file} has no ${key}: run scripts/provision.sh again`);
    if (!existsSync(value)) throw new Error(`${key}=${value} (from ${file}) does not exist: run scripts/provision.sh again`);
    return value;
  };
  return { apiextBin: need('APIEXT_BIN'), etcdBin: need('ETCD_BIN'), helmBin: need('HELM_BIN') };
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => ok(port));
      });
  });
}

export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts a child, remembered so it is killed (by its PID) if the test process exits first. */
export function startChild(bin: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const out = openSync(logFile, 'a');
  const child = spawn(bin, args, { stdio: ['ignore', out, out], env });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

export async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** CA, serving certificate for 127.0.0.1 and a system:masters client certificate, made with openssl. */
function makeCertificates(dir: string): void {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const days = '2';
  ssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    days,
    '-subj',
    '/CN=kgate-test-ca',
  );
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, subject] of [
    ['server', '/CN=127.0.0.1'],
    ['client', '/O=system:masters/CN=kgate-test-admin'],
  ] as const) {
    ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      days,
      '-extfile',
      `${name}.ext`,
    );
  }
}

function kubeconfig(dir: string, port: number): string {
  const b64 = (file: string) => readFileSync(join(dir, file)).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: https://127.0.0.1:${port}
    certificate-authority-data: ${b64('ca.crt')}
users:
- name: admin
  user:
    client-certificate-data: ${b64('client.crt')}
    client-key-data: ${b64('client.key')}
contexts:
- name: test
  context: { cluster: test, user: admin }
current-context: test
`;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * etcd + apiextensions-apiserver. `stopApiServer`/`startApiServer` stop and start only the
 * API server (etcd keeps the objects), on the same port, as a real outage would look.
 */
export class ApiServer {
  readonly dir: string;
  readonly kubeconfigPath: string;
  private etcd: ChildProcess | undefined;
  private apiserver: ChildProcess | undefined;
  private etcdPort = 0;
  private peerPort = 0;
  port = 0;
  private readonly tls: { ca: Buffer; cert: Buffer; key: Buffer };

  private constructor(readonly tools: KubeTools) {
    this.dir = mkdtempSync(join(tmpdir(), 'kgate-kube-'));
    makeCertificates(this.dir);
    this.kubeconfigPath = join(this.dir, 'kubeconfig');
    this.tls = {
      ca: readFileSync(join(this.dir, 'ca.crt')),
      cert: readFileSync(join(this.dir, 'client.crt')),
      key: readFileSync(join(this.dir, 'client.key')),
    };
  }

  static async start(): Promise<ApiServer> {
    const server = new ApiServer(kubeTools());
    try {
      server.etcdPort = await freePort();
      server.peerPort = await freePort();
      server.port = await freePort();
      writeFileSync(server.kubeconfigPath, kubeconfig(server.dir, server.port));
      await server.startEtcd();
      await server.startApiServer();
      return server;
    } catch (error) {
      await server.stop();
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${server.logTail()}`);
    }
  }

  private async startEtcd(): Promise<void> {
    mkdirSync(join(this.dir, 'etcd'), { recursive: true });
    const client = `http://127.0.0.1:${this.etcdPort}`;
    this.etcd = startChild(
      this.tools.etcdBin,
      [
        '--data-dir',
        join(this.dir, 'etcd'),
        '--listen-client-urls',
        client,
        '--advertise-client-urls',
        client,
        '--listen-peer-urls',
        `http://127.0.0.1:${this.peerPort}`,
        '--initial-advertise-peer-urls',
        `http://127.0.0.1:${this.peerPort}`,
        '--initial-cluster',
        `default=http://127.0.0.1:${this.peerPort}`,
        '--name',
        'default',
        '--log-level',
        'warn',
      ],
      join(this.dir, 'etcd.log'),
      { ...process.env, ETCD_UNSUPPORTED_ARCH: process.arch === 'x64' ? '' : process.arch },
    );
    await until(
      'etcd to answer /health',
      async () => {
        if (this.etcd?.exitCode !== null) throw new Error(`etcd exited with ${this.etcd?.exitCode}`);
        const res = await fetch(`${client}/health`);
        return res.ok ? true : undefined;
      },
      20_000,
    );
  }

  /** Starts (or restarts) the API server on its port; resolves once /readyz answers ok. */
  async startApiServer(): Promise<void> {
    const d = (f: string) => join(this.dir, f);
    this.apiserver = startChild(
      this.tools.apiextBin,
      [
        `--etcd-servers=http://127.0.0.1:${this.etcdPort}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${this.port}`,
        `--tls-cert-file=${d('server.crt')}`,
        `--tls-private-key-file=${d('server.key')}`,
        `--client-ca-file=${d('ca.crt')}`,
        // No kube-apiserver to delegate to: point the delegation clients at itself. A system:masters
        // client certificate is authenticated by x509 and allowed without a SubjectAccessReview.
        `--kubeconfig=${this.kubeconfigPath}`,
        `--authentication-kubeconfig=${this.kubeconfigPath}`,
        `--authorization-kubeconfig=${this.kubeconfigPath}`,
        '--authentication-skip-lookup',
        '--authorization-always-allow-paths=/healthz,/readyz,/livez',
        '--disable-admission-plugins=NamespaceLifecycle,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ValidatingAdmissionPolicy,MutatingAdmissionPolicy',
        '--enable-priority-and-fairness=false',
        '--v=1',
      ],
      join(this.dir, 'apiserver.log'),
    );
    const child = this.apiserver;
    await until(
      'the API server to answer /readyz',
      async () => {
        if (child.exitCode !== null) throw new Error(`apiextensions-apiserver exited with ${child.exitCode}`);
        // Its Service informer never syncs (no core API here: it serves only conversion webhooks, unused).
        const res = await this.request('GET', '/readyz?verbose&exclude=informer-sync');
        if (res.status !== 200)
          throw new Error(
            `/readyz answered ${res.status}: ${String(res.body)
              .split('\n')
              .filter((l) => l.includes('failed'))
              .join('; ')}`,
          );
        const crds = await this.request('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
        if (crds.status !== 200) throw new Error(`listing CRDs answered ${crds.status}: ${JSON.stringify(crds.body).slice(0, 300)}`);
        return true;
      },
      60_000,
      200,
    ).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${this.logTail()}`);
    });
  }

  async stopApiServer(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await stopChild(this.apiserver, signal);
    this.apiserver = undefined;
  }

  async stop(): Promise<void> {
    await this.stopApiServer();
    await stopChild(this.etcd);
    this.etcd = undefined;
    // KGATE_KEEP_TEST_DIRS=1 keeps the logs (API server, etcd, each replica) for a failing run.
    if (process.env.KGATE_KEEP_TEST_DIRS === '1') console.error(`kept ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }

  logTail(lines = 30): string {
    const tail = (file: string) => {
      try {
        return readFileSync(join(this.dir, file), 'utf8').trim().split('\n').slice(-lines).join('\n');
      } catch {
        return '(no log)';
      }
    };
    return `--- apiserver.log ---\n${tail('apiserver.log')}\n--- etcd.log ---\n${tail('etcd.log')}`;
  }

  /** One request with the admin client certificate; JSON in and out. */
  request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<ApiResponse> {
    return new Promise((ok, fail) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(
        {
          host: '127.0.0.1',
          port: this.port,
          path,
          method,
          ...this.tls,
          headers: { accept: 'application/json', ...(data === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(data) }) },
          timeout: 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* plain text (/readyz) */
            }
            ok({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', fail);
      req.end(data);
    });
  }

  /** Like request, but a status outside 2xx throws with the API server's message. */
  async must(method: string, path: string, body?: unknown, contentType?: string): Promise<Record<string, unknown>> {
    const res = await this.request(method, path, body, contentType);
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 600)}`);
    return res.body as Record<string, unknown>;
  }

  /** Creates a CRD and waits until it is Established. */
  async applyCrd(crd: Record<string, unknown>): Promise<void> {
    const name = (crd.metadata as { name: string }).name;
    const existing = await this.request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
    if (existing.status === 404) await this.must('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    await until(`CRD ${name} to be Established`, async () => {
      const got = (await this.must('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`)) as {
        status?: { conditions?: { type: string; status: string }[] };
      };
      return got.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    });
  }
}
