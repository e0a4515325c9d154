// npm run bench:soak  (SOAK_SECONDS=300, SOAK_CONNECTIONS=8, SOAK_STREAMS=16)
//
// Memory over time at saturation: `kgate serve` (the real CLI, a child
// process) on the books policies with decision logs on (drained from a pipe,
// as a log collector reads them), driven by h2load on loopback with half
// allowed, half denied Checks for SOAK_SECONDS. Every 10 s it prints the
// server's RSS and V8 heap (from /metrics) and the Checks answered; then the
// verdict: RSS stays within 20 % of its value after the warm-up (a fifth of
// the run, at most 30 s; the median of the first three samples after it).
// Minutes long: not part of npm test.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureH2load, runH2load } from './authz/h2load.js';
import { exampleRequest, writeFramed } from './authz/requests.js';
import { httpRequest } from '../test/authz/support/server.js';

const root = resolve(import.meta.dirname, '..', '..');
const number = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: ${JSON.stringify(raw)} is not a positive whole number`);
  return value;
};
const seconds = number('SOAK_SECONDS', 300);
const connections = number('SOAK_CONNECTIONS', 8);
const streams = number('SOAK_STREAMS', 16);
const SAMPLE_MS = 10_000;
const warmupSeconds = Math.min(30, Math.max(1, Math.round(seconds / 5)));
const METADATA = { 'x-kgate-sections': 'default/eg/http', 'grpc-timeout': '200m', 'user-agent': 'envoy/1.36.2 grpc' };

interface Sample {
  readonly at: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly checks: number;
  readonly dropped: number;
}

async function main(): Promise<void> {
  const h2load = ensureH2load();
  const work = mkdtempSync(join(tmpdir(), 'kgate-soak-'));
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin', 'kgate'),
      'serve',
      '--grpc-address',
      '127.0.0.1:0',
      '--http-address',
      'off',
      '--admin-address',
      '127.0.0.1:0',
      '--policy',
      join(root, 'examples', 'books', 'kgate'),
      '--decision-log',
      'on',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const addresses = await started(child.stdout!);
    let decisionBytes = 0;
    child.stdout!.on('data', (chunk: Buffer) => (decisionBytes += chunk.length));
    const files = (['admin-get', 'guest-post'] as const).map((name) => {
      const file = join(work, `${name}.grpc`);
      writeFramed(exampleRequest(root, name), file);
      return file;
    });
    process.stdout.write(
      `kgate serve (books policies, decision log on) under h2load -c ${connections} -m ${streams} x2 for ${seconds} s; warm-up ${warmupSeconds} s; a sample every ${SAMPLE_MS / 1000} s\n`,
    );
    process.stdout.write(
      `${'t (s)'.padStart(6)}${'RSS MB'.padStart(9)}${'heap MB'.padStart(9)}${'checks'.padStart(11)}${'checks/s'.padStart(10)}${'log drops'.padStart(11)}\n`,
    );
    const start = performance.now();
    const samples: Sample[] = [];
    const load = files.map((data, i) =>
      runH2load(h2load, {
        address: addresses.grpc,
        data,
        metadata: METADATA,
        connections,
        streams,
        seconds,
        warmupSeconds: 0,
        logFile: join(work, `h2load-${i}.log`),
      }),
    );
    let previous = 0;
    let sampling = true;
    const sampler = setInterval(() => {
      void sample(addresses.admin, (performance.now() - start) / 1000).then(
        (s) => {
          if (!sampling) return;
          samples.push(s);
          const rate = (s.checks - previous) / (SAMPLE_MS / 1000);
          previous = s.checks;
          process.stdout.write(
            `${s.at.toFixed(0).padStart(6)}${s.rssMb.toFixed(1).padStart(9)}${s.heapMb.toFixed(1).padStart(9)}${String(s.checks).padStart(11)}${rate.toFixed(0).padStart(10)}${String(s.dropped).padStart(11)}\n`,
          );
        },
        (error: unknown) => {
          // A sample cut by the server's exit at the end is not a result.
          if (sampling) process.stderr.write(`sample failed: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    }, SAMPLE_MS);
    const results = await Promise.all(load);
    sampling = false;
    clearInterval(sampler);
    const rate = results.reduce((n, r) => n + r.requestsPerSecond, 0);
    const failed = results.reduce((n, r) => n + r.failed, 0);
    process.stdout.write(`h2load: ${rate.toFixed(0)} Checks/s in total, ${failed} failed; ${(decisionBytes / 2 ** 20).toFixed(0)} MiB of decision log read\n`);
    verdict(samples);
  } finally {
    child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }
}

function verdict(samples: readonly Sample[]): void {
  const after = samples.filter((s) => s.at >= warmupSeconds);
  // RSS follows the GC's sawtooth: the value after the warm-up is the median of its first three samples.
  const first = after.slice(0, 3).sort((a, b) => a.rssMb - b.rssMb);
  const baseline = first[Math.floor((first.length - 1) / 2)];
  if (!baseline || after.length < 2) {
    process.stdout.write('verdict: too few samples after the warm-up (raise SOAK_SECONDS)\n');
    process.exitCode = 1;
    return;
  }
  const worst = after.reduce((w, s) => (Math.abs(s.rssMb - baseline.rssMb) > Math.abs(w.rssMb - baseline.rssMb) ? s : w));
  const change = ((worst.rssMb - baseline.rssMb) / baseline.rssMb) * 100;
  const flat = Math.abs(change) <= 20;
  process.stdout.write(
    `verdict: RSS ${flat ? 'flat' : 'NOT flat'}: ${baseline.rssMb.toFixed(1)} MB after the warm-up (median of the first 3 samples from t=${after[0]!.at.toFixed(0)} s), furthest ${worst.rssMb.toFixed(1)} MB at t=${worst.at.toFixed(0)} s (${change >= 0 ? '+' : ''}${change.toFixed(1)} %, bound ±20 %); heap ${baseline.heapMb.toFixed(1)} -> ${after.at(-1)!.heapMb.toFixed(1)} MB\n`,
  );
  if (!flat) process.exitCode = 1;
}

async function sample(admin: string, at: number): Promise<Sample> {
  const text = (await httpRequest(admin, { path: '/metrics' })).body;
  const value = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    at,
    rssMb: value(/^process_resident_memory_bytes (\d+)$/gm) / 2 ** 20,
    heapMb: value(/^nodejs_heap_used_bytes (\d+)$/gm) / 2 ** 20,
    checks: value(/^kgate_checks_total\{protocol="grpc",result="\w+"\} (\d+)$/gm),
    dropped: value(/^kgate_decision_log_dropped_total (\d+)$/gm),
  };
}

/** The gRPC and admin addresses from the `listening` lines, once `ready` is logged. */
function started(stdout: NodeJS.ReadableStream): Promise<{ grpc: string; admin: string }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`kgate serve did not get ready in 15 s:\n${text}`)), 15_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const lines = text
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg?: string; server?: string; address?: string });
      const address = (server: string) => lines.find((l) => l.msg === 'listening' && l.server === server)?.address;
      const grpc = address('grpc');
      const admin = address('admin');
      if (grpc && admin && lines.some((l) => l.msg === 'ready')) {
        clearTimeout(timer);
        stdout.off('data', onData);
        resolve({ grpc, admin });
      }
    };
    stdout.on('data', onData);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
