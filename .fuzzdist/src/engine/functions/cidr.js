// cidr_contains(cidr, ip): whether an address lies in a network (or in any of
// a list of networks), IPv4 and IPv6, with node's BlockList doing the
// matching (IPv4-mapped IPv6 addresses match IPv4 networks).
import { BlockList, isIP } from 'node:net';
import { EvaluationError } from '../types.js';
import { Lru } from '../cache/lru.js';
import { expectString, typeName } from './values.js';
export function createCidrContains() {
    // Networks are usually literals in a policy: build each list once.
    const lists = new Lru(256);
    return {
        jp: 'cidr_contains',
        jsonata: 'cidrContains',
        args: [
            { name: 'cidr', types: ['string', 'array'] },
            { name: 'ip', types: ['string'] },
        ],
        impl: ([cidr, ip]) => {
            const networks = cidrs(cidr);
            const address = expectString(ip, 'ip');
            const family = isIP(address);
            if (family === 0)
                throw new EvaluationError(`ip: not an IPv4 or IPv6 address: ${JSON.stringify(address)}`);
            const id = networks.join(',');
            let list = lists.get(id);
            if (!list) {
                list = blockList(networks);
                lists.set(id, list);
            }
            return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
        },
    };
}
function cidrs(value) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
        return value;
    throw new EvaluationError(`cidr must be a string or an array of strings, got ${typeName(value)}`);
}
function blockList(networks) {
    const list = new BlockList();
    for (const network of networks) {
        const [address = '', prefix, extra] = network.split('/');
        const family = isIP(address);
        const bits = family === 4 ? 32 : 128;
        const length = prefix === undefined ? bits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
        if (family === 0 || extra !== undefined || !(length <= bits)) {
            throw new EvaluationError(`cidr: not an IPv4 or IPv6 network: ${JSON.stringify(network)}`);
        }
        list.addSubnet(address, length, family === 4 ? 'ipv4' : 'ipv6');
    }
    return list;
}
//# sourceMappingURL=cidr.js.map