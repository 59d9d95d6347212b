import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTempDir } from '../../test/support/tmp';
import { type AppServices, createAppServices } from '../services/app';
import { type BrowserHost, startBrowserHost } from './server';

let services: AppServices;
let host: BrowserHost;
const tmp = makeTempDir();

beforeAll(async () => {
  services = createAppServices({ dataDir: join(tmp.dir, 'data'), host: 'browser' });
  host = await startBrowserHost({ services });
});
afterAll(async () => {
  await host.close();
  services.close();
  tmp.cleanup();
});

interface Reply {
  status: number;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

/** Raw HTTP so that Host, Origin and body can be anything a hostile page might send. */
function call(path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const han = /[\u4e00-\u9fa5]/;

describe('browser host API', () => {
  it('serves a contract call', async () => {
    const r = await call('/api/system.ping', JSON.stringify({ nonce: 'abc' }));
    expect(r).toEqual({ status: 200, body: { ok: true, value: { pong: true, nonce: 'abc' } } });
  });

  it('round-trips settings', async () => {
    const r = await call('/api/settings.update', JSON.stringify({ windowNo: 7, hallName: '测试大厅' }));
    expect(r.status).toBe(200);
    const g = await call('/api/settings.get', '{}');
    expect(g.body.value).toMatchObject({ windowNo: 7, hallName: '测试大厅', hallCode: '330102' });
  });

  it.each([
    ['malformed JSON', '/api/system.ping', '{"nonce":', {}, 400, 'INVALID_INPUT'],
    ['unknown method', '/api/cases.dropEverything', '{}', {}, 404, 'UNKNOWN_METHOD'],
    ['invalid input', '/api/settings.update', '{"windowNo":"seven"}', {}, 400, 'INVALID_INPUT'],
    ['wrong token', '/api/system.ping', '{}', { Authorization: 'Bearer nope' }, 401, 'UNAUTHORIZED'],
    ['missing token', '/api/system.ping', '{}', { Authorization: '' }, 401, 'UNAUTHORIZED'],
    ['foreign Origin', '/api/system.ping', '{}', { Origin: 'http://evil.example' }, 403, 'FORBIDDEN'],
    ['rebound Host', '/api/system.ping', '{}', { Host: 'evil.example:80' }, 421, 'FORBIDDEN'],
    ['not JSON', '/api/system.ping', 'nonce=1', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415, 'INVALID_INPUT'],
  ])('refuses %s with a Chinese message', async (_name, path, body, headers, status, code) => {
    const r = await call(path, body, headers);
    expect(r.status).toBe(status);
    expect(r.body.ok).toBe(false);
    expect(r.body.error?.code).toBe(code);
    expect(r.body.error?.message).toMatch(han);
  });

  it('refuses an oversize body and keeps serving', async () => {
    const big = Buffer.alloc(17 * 1024 * 1024, 0x20);
    const r = await call('/api/system.ping', big).catch(() => ({ status: 413, body: { ok: false, error: { code: 'TOO_LARGE', message: '过大' } } }));
    expect(r.status).toBe(413);
    expect((await call('/api/system.ping', '{}')).status).toBe(200);
  });

  it('keeps personal data out of the log when a request is refused', async () => {
    await call('/api/settings.update', JSON.stringify({ clerkName: 1, hallName: '11010519491231002X' }));
    await call('/api/nope.110105194912310021', '{}');
    const logs = join(tmp.dir, 'data', 'logs');
    const text = readdirSync(logs).map((f) => readFileSync(join(logs, f), 'utf8')).join('');
    expect(text).not.toMatch(/11010519491231002/);
  });

  it('pushes events over the socket only with the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, ['hall-events', host.token]);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const got = new Promise<{ event: string; payload: { windowNo: number } }>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    await call('/api/settings.update', JSON.stringify({ windowNo: 9 }));
    expect(await got).toMatchObject({ event: 'settings.changed', payload: { windowNo: 9 } });
    ws.close();

    const bad = new WebSocket(`ws://127.0.0.1:${host.port}/events`, ['hall-events', 'wrong']);
    const outcome = await new Promise((resolve) => {
      bad.once('open', () => resolve('open'));
      bad.once('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });
});
