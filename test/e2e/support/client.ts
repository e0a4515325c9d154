// What a client sends through the stack's Envoy: one request to a Gateway listener, with a
// books token, as curl would. Each scenario reads the status, headers and body it received.
import type { Stack } from './stack.js';
import { tokens } from './resources.js';

export interface Sent {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export interface SendOptions {
  /** Index into the stack's listener ports (default 0). */
  readonly listener?: number;
  readonly token?: keyof typeof tokens;
  readonly path?: string;
}

/** POST carries `{"title":"x"}`; other methods no body. */
export async function send(stack: Stack, method: string, options: SendOptions = {}): Promise<Sent> {
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${tokens[options.token]}` } : {};
  const body = method === 'POST' ? { body: '{"title":"x"}' } : {};
  const res = await fetch(stack.url(options.listener ?? 0, options.path ?? '/book'), { method, headers, ...body });
  return { status: res.status, headers: res.headers, body: await res.text() };
}
