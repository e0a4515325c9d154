// npm run bench:authz [-- --seconds 5 --rounds 3 --connections 8 --streams 16 --profile]
//
// Checks per second and latency of `kgate serve` (the real CLI, a child
// process) on the books policies, against the floor: a no-op Check server on
// @grpc/grpc-js in its own process. h2load drives both with the same mix of
// allowed (admin GET) and denied (guest POST) CheckRequests at fixed
// concurrency. Target: ≥ 75% of the floor's checks/s, p99 ≤ 2× the floor's.
import { spawn } from 'node:child_process';
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
        rounds: { type: 'string', default: '3' },
        profile: { type: 'boolean', default: false },
    },
});
const rounds = Number(flags.rounds);
const seconds = Number(flags.seconds);
const connections = Number(flags.connections);
const streams = Number(flags.streams);
const work = mkdtempSync(join(tmpdir(), 'kgate-bench-'));
// Scope metadata as the injected filter sends it (the books policies apply to every scope).
const METADATA = { 'x-kgate-sections': 'default/eg/http', 'grpc-timeout': '200m', 'user-agent': 'envoy/1.36.2 grpc' };
const KGATE_RUNS = [
    ['kgate: no policy (transport, decode, log)', undefined],
    ['kgate: books, JSONata', 'examples/books/kgate'],
    ['kgate: books, JMESPath (Kyverno Envoy plugin)', 'examples/books/kyverno-envoy-plugin'],
];
const MIX = [
    { name: 'admin-get', allowed: true },
    { name: 'guest-post', allowed: false },
];
async function main() {
    const h2load = ensureH2load();
    const files = MIX.map(({ name }) => {
        const file = join(work, `${name}.grpc`);
        writeFramed(exampleRequest(root, name), file);
        return file;
    });
    process.stdout.write(`h2load -c ${connections} -m ${streams}, ${seconds} s per run (+1 s warm-up), ${rounds} interleaved rounds (medians); half admin GET /book (allowed), half guest POST /book (denied)\n`);
    const servers = [await start('floor: grpc-js no-op Check', [join(root, 'dist', 'bench', 'authz', 'floor.js'), '0'], 'listening')];
    for (const [label, policy] of KGATE_RUNS) {
        const profileDir = join(work, `profile-${slug(label)}`);
        const args = [
            ...(flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
            join(root, 'bin', 'kgate'),
            'serve',
            '--grpc-address',
            '127.0.0.1:0',
            '--http-address',
            'off',
            '--admin-address',
            'off',
        ];
        const server = await start(label, policy ? [...args, '--policy', join(root, policy)] : args, 'ready', profileDir);
        if (policy)
            await sanityCheck(server.address);
        servers.push(server);
    }
    try {
        const runs = new Map(servers.map((s) => [s.label, []]));
        // Interleaved rounds: other load on the machine hits every server alike.
        for (let round = 0; round < rounds; round++) {
            for (const server of servers)
                runs.get(server.label).push(await measure(server, files, h2load, round));
        }
        print([...runs.values()].map(median));
    }
    finally {
        for (const server of servers) {
            server.process.kill('SIGTERM');
            await once(server.process, 'exit');
            if (server.profileDir)
                printProfile(server.label, server.profileDir);
        }
    }
    rmSync(work, { recursive: true, force: true });
}
const slug = (label) => label.replace(/\W+/g, '-');
async function measure(server, files, h2load, round) {
    const logs = files.map((_, i) => join(work, `${slug(server.label)}-${round}-${i}.log`));
    const results = await Promise.all(files.map((data, i) => runH2load(h2load, {
        address: server.address,
        data,
        metadata: METADATA,
        connections: connections / files.length,
        streams,
        seconds,
        warmupSeconds: 1,
        logFile: logs[i],
    })));
    const failed = results.reduce((n, r) => n + r.failed, 0);
    if (failed > 0)
        throw new Error(`${server.label}: ${failed} requests failed`);
    const sorted = latencies(logs);
    return { server: server.label, rate: results.reduce((n, r) => n + r.requestsPerSecond, 0), p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}
function median(rows) {
    const mid = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return {
        server: rows[0].server,
        rate: mid(rows.map((r) => r.rate)),
        rates: rows.map((r) => r.rate),
        p50: mid(rows.map((r) => r.p50)),
        p99: mid(rows.map((r) => r.p99)),
    };
}
/** Every request of the mix gets the answer the books policy gives it, before any load. */
async function sanityCheck(address) {
    const c = client(address);
    for (const { name, allowed } of MIX) {
        const response = fromBinary(CheckResponseSchema, await unary(c, '/envoy.service.auth.v3.Authorization/Check', toBinary(CheckRequestSchema, exampleRequest(root, name)), METADATA));
        if ((response.status?.code === 0) !== allowed)
            throw new Error(`${name}: expected ${allowed ? 'allowed' : 'denied'}, got status ${response.status?.code}`);
    }
    c.close();
}
async function start(label, args, until, profileDir) {
    const log = join(work, `${slug(label)}.out`);
    const child = spawn(process.execPath, args, { stdio: ['ignore', openSync(log, 'w'), 'inherit'] });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
        const lines = readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l));
        const address = lines.find((l) => l.msg === 'listening' && (l.server ?? 'grpc') === 'grpc')?.address;
        if (address && lines.some((l) => l.msg === until))
            return { label, process: child, address, ...(profileDir && flags.profile ? { profileDir } : {}) };
        if (child.exitCode !== null)
            break;
        await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`${label} did not start:\n${readFileSync(log, 'utf8')}`);
}
function printProfile(label, dir) {
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file)
        return;
    process.stdout.write(`\nCPU profile of ${label} (self time, top 20):\n${topFunctions(join(dir, file), 20)}\n`);
}
function print(rows) {
    const floor = rows[0];
    const ms = (us) => `${(us / 1000).toFixed(2)} ms`;
    const columns = (...cells) => `${cells[0].padEnd(46)}${cells[1].padStart(10)}${cells[2].padStart(20)}${cells[3].padStart(10)}${cells[4].padStart(10)}${cells[5].padStart(12)}${cells[6].padStart(11)}\n`;
    process.stdout.write(`\n${columns('server', 'checks/s', 'rounds', 'p50', 'p99', 'rate/floor', 'p99/floor')}`);
    for (const row of rows) {
        const spread = (row.rates ?? []).map((r) => r.toFixed(0)).join('/');
        process.stdout.write(columns(row.server, row.rate.toFixed(0), spread, ms(row.p50), ms(row.p99), (row.rate / floor.rate).toFixed(2), (row.p99 / floor.p99).toFixed(2)));
    }
    for (const row of rows.slice(1).filter((r) => !r.server.includes('no policy'))) {
        const pass = row.rate >= 0.75 * floor.rate && row.p99 <= 2 * floor.p99;
        process.stdout.write(`${row.server}: target (≥ 0.75 × floor checks/s, p99 ≤ 2 × floor p99) ${pass ? 'met' : 'NOT met'}\n`);
    }
}
main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    rmSync(work, { recursive: true, force: true });
    process.exitCode = 1;
});
//# sourceMappingURL=authz.bench.js.map