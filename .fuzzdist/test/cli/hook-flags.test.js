import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs } from 'node:util';
import { UsageError } from '../../src/cli/args.js';
import { hookConfigFrom, hookFlagOptions } from '../../src/cli/hook-flags.js';
const parse = (args) => hookConfigFrom(parseArgs({ args, options: hookFlagOptions, strict: true }).values);
describe('hook flags', () => {
    it('defaults', () => {
        assert.deepEqual(parse([]), {
            cluster: 'kgate-ext-authz',
            address: { kind: 'dns', host: 'kgate.kgate-system.svc.cluster.local', port: 9000 },
            timeoutMs: 200,
            connectTimeoutMs: 1000,
            position: { kind: 'auto' },
            maxRequestBytes: 8192,
            statusOnError: 403,
        });
    });
    it('addresses: hostname, IPv4, IPv6, unix socket', () => {
        assert.deepEqual(parse(['--ext-authz-address', '10.0.0.7:9000']).address, { kind: 'ip', host: '10.0.0.7', port: 9000 });
        assert.deepEqual(parse(['--ext-authz-address', '[fd00::7]:9000']).address, { kind: 'ip', host: 'fd00::7', port: 9000 });
        assert.deepEqual(parse(['--ext-authz-address', 'kgate:9000']).address, { kind: 'dns', host: 'kgate', port: 9000 });
        assert.deepEqual(parse(['--ext-authz-address', 'unix:///var/run/kgate.sock']).address, { kind: 'pipe', path: '/var/run/kgate.sock' });
    });
    it('durations, position, body size, status', () => {
        const config = parse([
            '--ext-authz-timeout',
            '1.5s',
            '--ext-authz-connect-timeout',
            '250ms',
            '--ext-authz-position',
            'after:envoy.filters.http.cors',
            '--ext-authz-max-body-bytes',
            '65536',
            '--ext-authz-status-on-error',
            '503',
        ]);
        assert.equal(config.timeoutMs, 1500);
        assert.equal(config.connectTimeoutMs, 250);
        assert.deepEqual(config.position, { kind: 'after', filter: 'envoy.filters.http.cors' });
        assert.equal(config.maxRequestBytes, 65536);
        assert.equal(config.statusOnError, 503);
    });
    for (const [args, message] of [
        [['--ext-authz-address', 'kgate'], /--ext-authz-address "kgate": expected host:port/],
        [['--ext-authz-address', 'kgate:0'], /port must be 1-65535/],
        [['--ext-authz-address', 'unix://relative.sock'], /absolute path/],
        [['--ext-authz-address', '[kgate]:9000'], /not an IPv6 address/],
        [['--ext-authz-timeout', '200x'], /--ext-authz-timeout: "200x" is not a positive duration/],
        [['--ext-authz-timeout', '0.5ms'], /whole milliseconds/],
        [['--ext-authz-position', 'middle'], /--ext-authz-position "middle"/],
        [['--ext-authz-max-body-bytes', '0'], /--ext-authz-max-body-bytes "0": expected an integer from 1/],
        [['--ext-authz-status-on-error', '299'], /not an HTTP status Envoy accepts/],
        [['--ext-authz-status-on-error', '42'], /expected an integer from 100 to 599/],
        [['--ext-authz-cluster', ''], /must not be empty/],
    ]) {
        it(`refuses ${args.join(' ')}`, () => {
            assert.throws(() => parse([...args]), (error) => error instanceof UsageError && message.test(error.message));
        });
    }
});
//# sourceMappingURL=hook-flags.test.js.map