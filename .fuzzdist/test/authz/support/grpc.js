// A grpc-js client for raw unary calls: the tests speak real gRPC to kgate.
import { Client, credentials, Metadata } from '@grpc/grpc-js';
const identity = (b) => b;
export function client(address) {
    return new Client(address, credentials.createInsecure(), { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
}
export function unary(c, path, request, metadata = {}) {
    const md = new Metadata();
    for (const [key, value] of Object.entries(metadata))
        md.set(key, value);
    return new Promise((resolve, reject) => {
        c.makeUnaryRequest(path, identity, identity, Buffer.from(request), md, {}, (error, value) => {
            if (error)
                reject(error);
            else
                resolve(value);
        });
    });
}
/** The ServiceError of a call that must fail. */
export async function failure(call) {
    try {
        await call;
    }
    catch (error) {
        return error;
    }
    throw new Error('the call succeeded but was expected to fail');
}
//# sourceMappingURL=grpc.js.map