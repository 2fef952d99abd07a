import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src-main/host/serve';
import { Fixture } from '../engine/helpers';
import { TOKEN, host, rpc } from './helpers';

const fx = new Fixture();
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await fx.cleanup();
});

interface RpcAnswer {
  jsonrpc: '2.0';
  id: string | number | null;
  result?: { total?: number; items?: unknown[] } & Record<string, unknown>;
  error?: { code: number; message: string; data?: { code: string; message: string; details?: { issues: Array<{ path: string }> } } };
}

const call = (method: string, params: unknown = {}, id: number | string = 1) => ({ jsonrpc: '2.0', id, method, params });

describe('POST /rpc', () => {
  it('refuses a call without the token, or with a wrong one, with 401', async () => {
    const { url } = await host(fx, servers);
    const none = await fetch(`${url}/rpc`, { method: 'POST', body: JSON.stringify(call('catalog.list')) });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await rpc(url, call('catalog.list'), { Authorization: 'Bearer wrong-token-000' })).status).toBe(401);
  });

  it('refuses the token in the query or a cookie: commands need the Bearer header', async () => {
    const { url } = await host(fx, servers);
    const viaQuery = await fetch(`${url}/rpc?token=${TOKEN}`, { method: 'POST', body: JSON.stringify(call('system.health')) });
    expect(viaQuery.status).toBe(401);
    const viaCookie = await fetch(`${url}/rpc`, { method: 'POST', headers: { Cookie: `infiniroute_token=${TOKEN}` }, body: JSON.stringify(call('system.health')) });
    expect(viaCookie.status).toBe(401);
  });

  it('answers a call with the Bearer token', async () => {
    const { url, engine } = await host(fx, servers);
    await engine.dispatch('marketplace.openDemo', {});
    const res = await rpc(url, call('catalog.list', { limit: 3, sort: 'price' }, 'a1'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const answer = (await res.json()) as RpcAnswer;
    expect(answer).toMatchObject({ jsonrpc: '2.0', id: 'a1' });
    expect(answer.result!.total).toBeGreaterThanOrEqual(60);
    expect(answer.result!.items).toHaveLength(3);
    expect(answer.result).toEqual((await engine.dispatch('catalog.list', { limit: 3, sort: 'price' }) as { result: unknown }).result);
  });

  it('answers a malformed body with a JSON-RPC parse error (-32700)', async () => {
    const { url } = await host(fx, servers);
    const answer = (await (await rpc(url, '{"jsonrpc": "2.0", "id": 1, ')).json()) as RpcAnswer;
    expect(answer).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
  });

  it('answers a request that is not JSON-RPC 2.0 with -32600', async () => {
    const { url } = await host(fx, servers);
    for (const body of [{ id: 1, method: 'system.health' }, { jsonrpc: '2.0', id: 1, method: 42 }, 7, []]) {
      const answer = (await (await rpc(url, body)).json()) as RpcAnswer;
      expect(answer.error?.code, JSON.stringify(body)).toBe(-32600);
    }
  });

  it('answers wrong params with -32602, INVALID_INPUT and the failing field', async () => {
    const { url } = await host(fx, servers);
    const answer = (await (await rpc(url, call('catalog.list', { filters: { minCost: -5 } }, 9))).json()) as RpcAnswer;
    expect(answer.id).toBe(9);
    expect(answer.error!.code).toBe(-32602);
    expect(answer.error!.data!.code).toBe('INVALID_INPUT');
    expect(answer.error!.data!.details!.issues[0]!.path).toBe('filters.minCost');
    const extra = (await (await rpc(url, call('catalog.list', { sneaky: true }))).json()) as RpcAnswer;
    expect(extra.error!.data!.details!.issues[0]!.path).toBe('sneaky');
  });

  it('answers an unknown method with -32601 and UNKNOWN_COMMAND', async () => {
    const { url } = await host(fx, servers);
    const answer = (await (await rpc(url, call('wallet.drain'))).json()) as RpcAnswer;
    expect(answer.error!.code).toBe(-32601);
    expect(answer.error!.data!.code).toBe('UNKNOWN_COMMAND');
  });

  it('answers other contract errors with -32000 and the contract code', async () => {
    const { url } = await host(fx, servers);
    const answer = (await (await rpc(url, call('catalog.get', { id: `${'B'.repeat(43)}:missing` }))).json()) as RpcAnswer;
    expect(answer.error!.code).toBe(-32000);
    expect(answer.error!.data!.code).toBe('NOT_FOUND');
  });

  it('answers a batch with one answer per call, in order', async () => {
    const { url } = await host(fx, servers);
    const answers = (await (await rpc(url, [call('system.health', {}, 1), call('settings.get', {}, 2), call('nope', {}, 3)])).json()) as RpcAnswer[];
    expect(answers.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(answers[0]!.result).toHaveProperty('identity');
    expect(answers[1]!.result).toEqual({ theme: 'system' });
    expect(answers[2]!.error!.code).toBe(-32601);
  });

  it('refuses an empty batch', async () => {
    const { url } = await host(fx, servers);
    expect(((await (await rpc(url, [])).json()) as RpcAnswer).error!.code).toBe(-32600);
  });

  it('runs a notification (no id) but answers it with 204 and no body', async () => {
    const { url, engine } = await host(fx, servers);
    const res = await rpc(url, { jsonrpc: '2.0', method: 'settings.set', params: { theme: 'dark' } });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(engine.settings.get()).toEqual({ theme: 'dark' });
  });

  it('answers only the calls of a batch that carry an id', async () => {
    const { url } = await host(fx, servers);
    const answers = (await (await rpc(url, [{ jsonrpc: '2.0', method: 'system.health' }, call('settings.get', {}, 'x')])).json()) as RpcAnswer[];
    expect(answers.map((a) => a.id)).toEqual(['x']);
  });

  it('refuses a body over 1 MiB with 413, whether its length is declared or streamed', async () => {
    const { url } = await host(fx, servers);
    const big = JSON.stringify(call('system.health', { pad: 'x'.repeat(1024 * 1024) }));
    expect((await rpc(url, big)).status).toBe(413);
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const init = { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: stream, duplex: 'half' };
    const streamed = await fetch(`${url}/rpc`, init as RequestInit);
    expect(streamed.status).toBe(413);
    // The server is still fine afterwards.
    expect((await rpc(url, call('settings.get'))).status).toBe(200);
  });

  it('accepts a body just under the limit', async () => {
    const { url } = await host(fx, servers);
    const body = JSON.stringify(call('catalog.list', { query: 'x' }));
    const padded = body.slice(0, -1) + ' '.repeat(1024 * 1024 - body.length) + '}';
    expect(new TextEncoder().encode(padded).length).toBe(1024 * 1024);
    const res = await rpc(url, padded);
    expect(res.status).toBe(200);
    expect(((await res.json()) as RpcAnswer).result).toEqual({ total: 0, items: [] });
  });

  it('allows only POST', async () => {
    const { url } = await host(fx, servers);
    const res = await fetch(`${url}/rpc`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('refuses a cross-origin call with 403, even with the token', async () => {
    const { url } = await host(fx, servers);
    expect((await rpc(url, call('system.health'), { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await rpc(url, call('system.health'), { Origin: url })).status).toBe(200);
  });
});
