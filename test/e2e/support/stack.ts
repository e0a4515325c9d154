// A real standalone Envoy Gateway (file provider, host infrastructure) that runs a real
// Envoy and calls a real kgate, plus an echo backend: started, polled until ready, and
// torn down by the PIDs this module started (also when a test fails or the process exits).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEcho, type Echo } from './echo.js';
import { infrastructure } from './resources.js';

const repo = resolve(import.meta.dirname, '../../../..');

export interface Ports {
  grpc: number;
  http: number;
  admin: number;
  echo: number;
  listeners: number[];
}

export interface StackOptions {
  /** Resource files for EG's file provider, from the stack's ports. */
  resources: (ports: Ports) => Record<string, string>;
  kgateArgs?: (ports: Ports, dir: string) => string[];
  /** kgate's gRPC endpoint (hooks and Check) on a Unix socket in the stack's folder, not on TCP. */
  unixSocket?: boolean;
  /** mergeGateways on the GatewayClass's EnvoyProxy: every Gateway of the class in one Envoy. */
  mergeGateways?: boolean;
}

interface Tools {
  envoyVersion: string;
  envoyBin: string;
  egBin: string;
}

function tools(): Tools {
  const file = join(repo, '.tools/env');
  if (!existsSync(file)) throw new Error(`${file} missing: run scripts/provision.sh (npm run test:e2e does)`);
  const env = Object.fromEntries(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('=', 2) as [string, string]),
  );
  const need = (k: string) =>
    env[k] ??
    (() => {
      throw new Error(`${file} has no ${k}`);
    })();
  return { envoyVersion: need('ENVOY_VERSION'), envoyBin: need('ENVOY_BIN'), egBin: need('EG_BIN') };
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => ok(port));
      });
  });
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

const started = new Set<number>();
process.on('exit', () => {
  for (const pid of started)
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
});

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

async function stop(child: ChildProcess | undefined, timeoutMs = 10_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(t);
  started.delete(child.pid);
}

export class Stack {
  readonly dir: string;
  readonly resourcesDir: string;
  private kgate?: ChildProcess | undefined;
  private eg?: ChildProcess | undefined;
  private envoyPid?: number | undefined;
  private kgateLogFile: string;

  private constructor(
    readonly ports: Ports,
    private readonly opts: StackOptions,
    readonly echo: Echo,
    private readonly tools: Tools,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'kgate-e2e-'));
    this.resourcesDir = join(this.dir, 'resources');
    this.kgateLogFile = join(this.dir, 'kgate.log');
  }

  static async start(opts: StackOptions): Promise<Stack> {
    const t = tools();
    const echo = await startEcho();
    const ports: Ports = {
      grpc: await freePort(),
      http: await freePort(),
      admin: await freePort(),
      echo: echo.port,
      listeners: [await freePort(), await freePort(), await freePort()],
    };
    const stack = new Stack(ports, opts, echo, t);
    try {
      await stack.prepare();
      await stack.startKgate();
      await stack.startEg();
      return stack;
    } catch (e) {
      await stack.stop();
      throw e;
    }
  }

  private async prepare(): Promise<void> {
    const home = join(this.dir, 'home');
    mkdirSync(this.resourcesDir, { recursive: true });
    // func-e runs <dataHome>/envoy-versions/<version>/bin/envoy without downloading anything.
    const bin = join(home, 'data/envoy-versions', this.tools.envoyVersion, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(this.tools.envoyBin, join(bin, 'envoy'));
    writeFileSync(join(this.dir, 'envoy-gateway.yaml'), egConfig(this.resourcesDir, home, this.grpcAddress()));
    await run(this.tools.egBin, ['certgen', '--local', '--config-home', join(home, 'config')]);
    this.writeResource('infrastructure.yaml', infrastructure(this.tools.envoyVersion, this.opts.mergeGateways));
    for (const [name, yaml] of Object.entries(this.opts.resources(this.ports))) this.writeResource(name, yaml);
  }

  /** Replaces a resource file atomically (EG's file provider re-reads every file on a change). */
  writeResource(name: string, yaml: string): void {
    const tmp = join(this.resourcesDir, `.${name}.tmp`); // hidden: ignored by the provider
    writeFileSync(tmp, yaml);
    renameSync(tmp, join(this.resourcesDir, name));
  }

  removeResource(name: string): void {
    unlinkSync(join(this.resourcesDir, name));
  }

  /** kgate's gRPC address, as kgate's flags and Envoy take it. */
  grpcAddress(): string {
    return this.opts.unixSocket ? `unix://${join(this.dir, 'kgate.sock')}` : `127.0.0.1:${this.ports.grpc}`;
  }

  async startKgate(extra: string[] = []): Promise<void> {
    const args = [
      'serve',
      '--grpc-address',
      this.grpcAddress(),
      '--http-address',
      `127.0.0.1:${this.ports.http}`,
      '--admin-address',
      `127.0.0.1:${this.ports.admin}`,
      '--ext-authz-address',
      this.grpcAddress(),
      // a shared 2-core machine: generous time boxes so load never decides a test
      '--ext-authz-timeout',
      '2s',
      '--decision-timeout',
      '1s',
      '--hook-state-file',
      join(this.dir, 'hook-state.json'),
      ...(this.opts.kgateArgs?.(this.ports, this.dir) ?? []),
      ...extra,
    ];
    this.kgate = this.spawn(join(repo, 'bin/kgate'), args, this.kgateLogFile);
    await until('kgate /readyz', async () => (await fetch(`http://127.0.0.1:${this.ports.admin}/readyz`)).ok || undefined, 15_000);
  }

  async stopKgate(): Promise<void> {
    await stop(this.kgate);
    this.kgate = undefined;
  }

  async startEg(): Promise<void> {
    const runs = join(this.dir, 'home/run');
    const before = existsSync(runs) ? new Set(readdirSync(runs)) : new Set<string>();
    this.eg = this.spawn(this.tools.egBin, ['server', '--config-path', join(this.dir, 'envoy-gateway.yaml')], join(this.dir, 'envoy-gateway.log'));
    const eg = this.eg;
    await until('Envoy Gateway /readyz', async () => (await fetch('http://127.0.0.1:8081/readyz')).ok || undefined);
    // EG's host infrastructure starts Envoy with an ephemeral admin port and writes it here.
    const run = await until('Envoy started by Envoy Gateway', async () =>
      readdirSync(runs).find((r) => !before.has(r) && existsSync(join(runs, r, 'admin-address.txt'))),
    );
    this.adminAddress = readFileSync(join(runs, run, 'admin-address.txt'), 'utf8').trim();
    await until('Envoy /ready', async () => (await fetch(`http://${this.adminAddress}/ready`)).ok || undefined);
    this.envoyPid = childrenOf(eg.pid!).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('envoy-versions'));
    if (this.envoyPid) started.add(this.envoyPid);
  }

  adminAddress = '';

  /** Freezes (SIGSTOP) or thaws (SIGCONT) EG: its Envoy keeps running, with no xDS server answering. */
  signalEg(signal: 'SIGSTOP' | 'SIGCONT'): void {
    this.eg?.kill(signal);
  }

  /**
   * Stops EG (SIGTERM: gracefully; SIGKILL: no chance to stop its Envoy itself) and makes sure
   * its Envoy is gone, by the PID we recorded. True when Envoy exited without our SIGKILL.
   */
  async stopEg(signal: NodeJS.Signals = 'SIGTERM'): Promise<boolean> {
    await stop(this.eg, 10_000, signal);
    this.eg = undefined;
    const pid = this.envoyPid;
    if (!pid) return true;
    this.envoyPid = undefined;
    const byItself = await until(
      'Envoy to exit',
      async () => {
        try {
          process.kill(pid, 0);
          return undefined;
        } catch {
          return true;
        }
      },
      10_000,
    ).catch(() => {
      process.kill(pid, 'SIGKILL');
      return false;
    });
    started.delete(pid);
    return byItself;
  }

  async stop(): Promise<void> {
    await this.stopEg();
    await this.stopKgate();
    await this.echo.close();
    if (!process.env.KGATE_E2E_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }

  kgateLog(): string {
    return existsSync(this.kgateLogFile) ? readFileSync(this.kgateLogFile, 'utf8') : '';
  }

  /** Envoy's live configuration, from its admin endpoint. */
  async configDump(): Promise<any> {
    return (await fetch(`http://${this.adminAddress}/config_dump`)).json();
  }

  /** The HTTP filters (name, typed_config) of each filter chain of the Envoy listener bound to a port. */
  async httpFilters(port: number | 'ready'): Promise<{ name: string; typed_config?: any }[][]> {
    const dump = await this.configDump();
    const listeners = dump.configs.find((c: any) => c['@type'].endsWith('ListenersConfigDump')).dynamic_listeners ?? [];
    const l = listeners.find((x: any) =>
      port === 'ready' ? x.name.startsWith('envoy-gateway-proxy-ready-') : x.active_state?.listener?.address?.socket_address?.port_value === port,
    );
    if (!l) throw new Error(`no Envoy listener for ${port}`);
    const chains = [
      ...(l.active_state.listener.filter_chains ?? []),
      ...(l.active_state.listener.default_filter_chain ? [l.active_state.listener.default_filter_chain] : []),
    ];
    return chains.map((c: any) => c.filters.flatMap((f: any) => f.typed_config?.http_filters ?? []));
  }

  url(listener: number, path: string): string {
    return `http://127.0.0.1:${this.ports.listeners[listener]}${path}`;
  }

  private spawn(cmd: string, args: string[], log: string): ChildProcess {
    const out = openAppend(log);
    const child = spawn(cmd, args, { cwd: this.dir, stdio: ['ignore', out, out] });
    if (!child.pid) throw new Error(`could not start ${cmd}`);
    started.add(child.pid);
    child.once('exit', () => started.delete(child.pid!));
    return child;
  }
}

function openAppend(path: string): number {
  return openSync(path, 'a');
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (c) => {
      err += c;
    });
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
}

function egConfig(resources: string, home: string, kgate: string): string {
  const service = kgate.startsWith('unix://') ? `unix: { path: ${kgate.slice('unix://'.length)} }` : `ip: { address: 127.0.0.1, port: ${kgate.split(':')[1]} }`;
  return `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyGateway
gateway:
  controllerName: gateway.envoyproxy.io/gatewayclass-controller
provider:
  type: Custom
  custom:
    resource:
      type: File
      file: { paths: ["${resources}"] }
    infrastructure:
      type: Host
      host:
        configHome: ${home}/config
        dataHome: ${home}/data
        stateHome: ${home}/state
        runtimeDir: ${home}/run
logging:
  level: { default: info }
extensionApis:
  enableBackend: true
extensionManager:
  policyResources:
  - { group: kgate.dev, version: v1alpha1, kind: AuthorizationPolicy }
  hooks:
    xdsTranslator:
      post: [Route, HTTPListener, Translation]
  service:
    ${service}
  failOpen: false
`;
}
