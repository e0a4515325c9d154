// Listen addresses as operators write them: `host:port`, `[v6]:port`, `:port`
// (every interface), `unix:///absolute/path`, or `off` (do not listen).
import { lstatSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';
/** Parses a listen address; `undefined` for `off`. Throws Error naming the flag and the reason. */
export function parseListenAddress(text, flag) {
    if (text === 'off')
        return undefined;
    if (text.startsWith('unix://')) {
        const path = text.slice('unix://'.length);
        if (!path.startsWith('/'))
            throw new Error(`${flag}: ${JSON.stringify(text)}: a unix socket needs an absolute path (unix:///path/to/socket)`);
        return { kind: 'unix', path };
    }
    const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text);
    const port = match ? Number(match[3]) : NaN;
    if (!match || port > 65535)
        throw new Error(`${flag}: ${JSON.stringify(text)} is not host:port, [ipv6]:port, :port, unix:///path or off`);
    return { kind: 'tcp', host: match[1] ?? (match[2] || '0.0.0.0'), port };
}
/** The address a listening server is bound to, as `host:port` or `unix:///path` (port 0 resolved). */
function boundAddress(server) {
    const address = server.address();
    if (typeof address === 'string')
        return `unix://${address}`;
    const { address: host, port } = address;
    return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
/**
 * Starts listening. A leftover socket file from a previous run (not a
 * regular file) is removed first: binding would fail with EADDRINUSE.
 */
export async function listen(server, address) {
    if (address.kind === 'unix') {
        removeStaleSocket(address.path);
        server.listen(address.path);
    }
    else {
        server.listen(address.port, address.host);
    }
    // once() rejects when 'error' fires first (EADDRINUSE, EACCES).
    await once(server, 'listening');
    return boundAddress(server);
}
function removeStaleSocket(path) {
    try {
        if (lstatSync(path).isSocket())
            unlinkSync(path);
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
}
//# sourceMappingURL=address.js.map