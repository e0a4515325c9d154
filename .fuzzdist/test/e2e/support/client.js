import { tokens } from './resources.js';
/** POST carries `{"title":"x"}`; other methods no body. */
export async function send(stack, method, options = {}) {
    const headers = options.token ? { authorization: `Bearer ${tokens[options.token]}` } : {};
    const body = method === 'POST' ? { body: '{"title":"x"}' } : {};
    const res = await fetch(stack.url(options.listener ?? 0, options.path ?? '/book'), { method, headers, ...body });
    return { status: res.status, headers: res.headers, body: await res.text() };
}
//# sourceMappingURL=client.js.map