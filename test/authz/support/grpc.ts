// A grpc-js client for raw unary calls: the tests speak real gRPC to kgate.
import { Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';

const identity = (b: Buffer) => b;

export function client(address: string): Client {
  return new Client(address, credentials.createInsecure(), { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
}

export function unary(c: Client, path: string, request: Uint8Array, metadata: Record<string, string> = {}): Promise<Buffer> {
  const md = new Metadata();
  for (const [key, value] of Object.entries(metadata)) md.set(key, value);
  return new Promise((resolve, reject) => {
    c.makeUnaryRequest(path, identity, identity, Buffer.from(request), md, {}, (error: ServiceError | null, value?: Buffer) => {
      if (error) reject(error);
      else resolve(value!);
    });
  });
}

/** The ServiceError of a call that must fail. */
export async function failure(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('the call succeeded but was expected to fail');
}
