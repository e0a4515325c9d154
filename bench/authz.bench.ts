// npm run bench:authz [-- --seconds 5 --connections 8 --streams 16 --profile]
//
// Checks per second and latency of `kgate serve` (the real CLI, a child
// process) on the books policies, against the floor: a no-op Check server on
// @grpc/grpc-js in its own process. h2load drives both with the same mix of
// allowed (admin GET) and denied (guest POST) CheckRequests at fixed
// concurrency. Target: ≥ 75% of the floor's checks/s, p99 ≤ 2× the floor's.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { CheckRequestSchema, CheckResponseSchema } from '../src/gen/envoy/service/auth/v3/external_auth_pb.js';
import { client, unary } from '../test/authz/support/grpc.js';
import { ensureH2load, latencies, percentile, runH2load } from './authz/h2load.js';
import { exampleRequest, writeFramed } from './authz/requests.js';
import { topFunctions } from './authz/profile.js';

const root = resolve(import.meta.dirname, '..', '..');
const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '8' },
    streams: { type: 'string', default: '16' },
    profile: { type: 'boolean', default: false },
  },
});
const seconds = Number(flags.seconds);
const connections = Number(flags.connections);
const streams = Number(flags.streams);
const work = mkdtempSync(join(tmpdir(), 'kgate-bench-'));

// Scope metadata as the injected filter sends it (the books policies apply to every scope).
const METADATA = { 'x-kgate-listener': 'default/eg/http', 'x-kgate-sections': 'default/eg/http', 'grpc-timeout': '200m', 'user-agent': 'envoy/1.36.2 grpc' };
const MIX = [
  { name: 'admin-get', allowed: true },
  { name: 'guest-post', allowed: false },
] as const;

interface Row {
  readonly server: string;
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
}

async function main(): Promise<void> {
  const h2load = ensureH2load();
  const files = MIX.map(({ name }) => {
    const file = join(work, `${name}.grpc`);
    writeFramed(exampleRequest(root, name), file);
    return file;
  });
  process.stdout.write(`h2load -c ${connections} -m ${streams}, ${seconds} s per run (+1 s warm-up); half admin GET /book (allowed), half guest POST /book (denied)\n`);
  const floor = await measure('floor: grpc-js no-op Check', [join(root, 'dist', 'bench', 'authz', 'floor.js'), '0'], files, h2load, false);
  const rows = [floor];
  for (const [label, policy] of [
    ['kgate: books, JSONata', 'examples/books/kgate'],
    ['kgate: books, JMESPath (Kyverno Envoy plugin)', 'examples/books/kyverno-envoy-plugin'],
  ] as const) {
    const args = [join(root, 'bin', 'kgate'), 'serve', '--grpc-address', '127.0.0.1:0', '--http-address', 'off', '--admin-address', 'off', '--policy', join(root, policy)];
    rows.push(await measure(label, args, files, h2load, true));
  }
  print(rows);
  rmSync(work, { recursive: true, force: true });
}

async function measure(label: string, args: string[], files: string[], h2load: string, kgate: boolean): Promise<Row> {
  const profileDir = join(work, `profile-${label.replace(/\W+/g, '-')}`);
  const nodeArgs = flags.profile && kgate ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const server = await start(label, [...nodeArgs, ...args], kgate ? 'ready' : 'listening');
  try {
    if (kgate) await sanityCheck(server.address);
    const logs = files.map((_, i) => join(work, `${label.replace(/\W+/g, '-')}-${i}.log`));
    const results = await Promise.all(
      files.map((data, i) =>
        runH2load(h2load, { address: server.address, data, metadata: METADATA, connections: connections / files.length, streams, seconds, warmupSeconds: 1, logFile: logs[i]! }),
      ),
    );
    const failed = results.reduce((n, r) => n + r.failed, 0);
    if (failed > 0) throw new Error(`${label}: ${failed} requests failed`);
    const sorted = latencies(logs);
    return { server: label, rate: results.reduce((n, r) => n + r.requestsPerSecond, 0), p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  } finally {
    server.process.kill('SIGTERM');
    await once(server.process, 'exit');
    if (flags.profile && kgate) printProfile(label, profileDir);
  }
}

/** Every request of the mix gets the answer the books policy gives it, before any load. */
async function sanityCheck(address: string): Promise<void> {
  const c = client(address);
  for (const { name, allowed } of MIX) {
    const response = fromBinary(CheckResponseSchema, await unary(c, '/envoy.service.auth.v3.Authorization/Check', toBinary(CheckRequestSchema, exampleRequest(root, name)), METADATA));
    if ((response.status?.code === 0) !== allowed) throw new Error(`${name}: expected ${allowed ? 'allowed' : 'denied'}, got status ${response.status?.code}`);
  }
  c.close();
}

async function start(label: string, args: string[], until: string): Promise<{ process: ChildProcess; address: string }> {
  const log = join(work, `${label.replace(/\W+/g, '-')}.out`);
  const child = spawn(process.execPath, args, { stdio: ['ignore', openSync(log, 'w'), 'inherit'] });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg?: string; server?: string; address?: string });
    const address = lines.find((l) => l.msg === 'listening' && (l.server ?? 'grpc') === 'grpc')?.address;
    if (address && lines.some((l) => l.msg === until)) return { process: child, address };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${label} did not start:\n${readFileSync(log, 'utf8')}`);
}

function printProfile(label: string, dir: string): void {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return;
  process.stdout.write(`\nCPU profile of ${label} (self time, top 20):\n${topFunctions(join(dir, file), 20)}\n`);
}

function print(rows: readonly Row[]): void {
  const floor = rows[0]!;
  const ms = (us: number) => `${(us / 1000).toFixed(2)} ms`;
  process.stdout.write(`\n${'server'.padEnd(48)}${'checks/s'.padStart(10)}${'p50'.padStart(11)}${'p99'.padStart(11)}${'rate/floor'.padStart(12)}${'p99/floor'.padStart(11)}\n`);
  for (const row of rows) {
    process.stdout.write(
      `${row.server.padEnd(48)}${row.rate.toFixed(0).padStart(10)}${ms(row.p50).padStart(11)}${ms(row.p99).padStart(11)}${(row.rate / floor.rate).toFixed(2).padStart(12)}${(row.p99 / floor.p99).toFixed(2).padStart(11)}\n`,
    );
  }
  for (const row of rows.slice(1)) {
    const pass = row.rate >= 0.75 * floor.rate && row.p99 <= 2 * floor.p99;
    process.stdout.write(`${row.server}: target (≥ 0.75 × floor checks/s, p99 ≤ 2 × floor p99) ${pass ? 'met' : 'NOT met'}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  rmSync(work, { recursive: true, force: true });
  process.exitCode = 1;
});
