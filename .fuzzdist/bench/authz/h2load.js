// h2load (Debian nghttp2-client) driving framed gRPC calls, and the latency
// percentiles of its per-request log.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
/** The h2load binary; installs nghttp2-client with apt when missing and running as root. */
export function ensureH2load() {
    const found = () => {
        try {
            return execFileSync('sh', ['-c', 'command -v h2load'], { encoding: 'utf8' }).trim();
        }
        catch {
            return '';
        }
    };
    if (found())
        return found();
    if (process.getuid?.() !== 0)
        throw new Error('h2load is missing: install it with `sudo apt-get install -y nghttp2-client`');
    process.stderr.write('h2load is missing: installing nghttp2-client with apt-get...\n');
    execFileSync('sh', ['-c', 'apt-get install -y nghttp2-client >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y nghttp2-client >/dev/null)'], { stdio: 'inherit' });
    if (!found())
        throw new Error('h2load is still missing after installing nghttp2-client');
    return found();
}
export function runH2load(h2load, run) {
    const headers = Object.entries({ 'content-type': 'application/grpc', te: 'trailers', ...run.metadata }).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
    const args = [
        ...['-c', String(run.connections), '-m', String(run.streams), '-D', String(run.seconds), `--warm-up-time=${run.warmupSeconds}`],
        ...['-d', run.data, `--log-file=${run.logFile}`, ...headers],
        `http://${run.address}/envoy.service.auth.v3.Authorization/Check`,
    ];
    return new Promise((resolve, reject) => {
        const child = spawn(h2load, args, { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
            const rate = /finished in [\d.]+s, ([\d.]+) req\/s/.exec(out);
            const counts = /requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed/.exec(out);
            if (code !== 0 || !rate || !counts)
                reject(new Error(`h2load failed (exit ${code}):\n${out}`));
            else
                resolve({ requestsPerSecond: Number(rate[1]), succeeded: Number(counts[1]), failed: Number(counts[2]) });
        });
    });
}
/** Microseconds from request start to end of response, per request, from h2load --log-file files. */
export function latencies(logFiles) {
    const values = [];
    for (const file of logFiles) {
        for (const line of readFileSync(file, 'utf8').split('\n')) {
            const [, status, micros] = line.split('\t');
            if (status === '200' && micros)
                values.push(Number(micros));
        }
    }
    return Float64Array.from(values).sort();
}
export function percentile(sorted, p) {
    if (sorted.length === 0)
        return NaN;
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
//# sourceMappingURL=h2load.js.map