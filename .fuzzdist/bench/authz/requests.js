// The benchmark's CheckRequests: the books example requests as Envoy would
// send them (pseudo-headers, forwarding headers, request id), gRPC-framed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromJson, toBinary } from '@bufbuild/protobuf';
import { CheckRequestSchema } from '../../src/gen/envoy/service/auth/v3/external_auth_pb.js';
const ENVOY_HEADERS = {
    'x-forwarded-for': '203.0.113.7',
    'x-envoy-external-address': '203.0.113.7',
    'x-envoy-expected-rq-timeout-ms': '15000',
    'accept-encoding': 'gzip, deflate, br',
    'accept-language': 'en-US,en;q=0.9',
};
export function exampleRequest(root, name) {
    const json = JSON.parse(readFileSync(join(root, 'examples', 'books', 'requests', `${name}.json`), 'utf8'));
    const request = fromJson(CheckRequestSchema, json);
    const http = request.attributes?.request?.http;
    if (!http)
        throw new Error(`examples/books/requests/${name}.json has no attributes.request.http`);
    Object.assign(http.headers, ENVOY_HEADERS);
    return request;
}
/** Writes the request as one length-prefixed gRPC message (what h2load posts). */
export function writeFramed(request, file) {
    const message = toBinary(CheckRequestSchema, request);
    const frame = Buffer.alloc(5 + message.length);
    frame.writeUInt32BE(message.length, 1);
    frame.set(message, 5);
    writeFileSync(file, frame);
}
//# sourceMappingURL=requests.js.map