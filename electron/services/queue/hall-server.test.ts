import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppError } from '../../../shared/contract/errors';
import type { HallEvent } from '../../../shared/contract/queue';
import { makeTempDir } from '../../../test/support/tmp';
import type { DB } from '../db/connection';
import { remoteHallClient, type HallClient } from './hall-client';
import { type HallServer, HALL_WS_PROTOCOL, startHallServer } from './hall-server';
import { openHallQueue } from './hall-store';

let tmp: ReturnType<typeof makeTempDir>;
let db: DB;
let server: HallServer;
let key: string;
const clients: HallClient[] = [];

async function boot(port = 0) {
  const opened = openHallQueue(tmp.dir);
  db = opened.db;
  key = opened.key;
  server = await startHallServer({ queue: opened.queue, key, port });
}
const client = () => {
  // These tests check what happens, not how fast: on a loaded CI machine a burst of fifty windows
  // may take longer than the clerk client's 5 s call timeout (the queue benchmark measures speed).
  const c = remoteHallClient(server.url, key, { timeoutMs: 60_000 });
  clients.push(c);
  return c;
};

beforeEach(async () => {
  tmp = makeTempDir('zhck-hallsrv-');
  await boot();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
  db.close();
  tmp.cleanup();
});

describe('hall service over HTTP + WebSocket', () => {
  it('refuses a wrong hall key on the API and on the event socket', async () => {
    const bad = remoteHallClient(server.url, 'wrong-key');
    clients.push(bad);
    await expect(bad.call('hall.board', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: '叫号服务的大厅密钥不正确。' });
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/events`, [HALL_WS_PROTOCOL, 'wrong-key']);
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('refuses malformed input with a Chinese message', async () => {
    const res = await fetch(`${server.url}/api/hall.issue`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: '{"categoryId":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON。' } });
    await expect(client().call('hall.issue', { requestId: 'x', categoryId: 'general' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('50 windows calling concurrently while 5 kiosks issue: no ticket called twice, no duplicate number', async () => {
    const kiosks = Array.from({ length: 5 }, client);
    const windows = Array.from({ length: 50 }, (_, i) => ({ c: client(), windowNo: i + 1, clerk: `受理员${i + 1}` }));
    await Promise.all(windows.map((w) => w.c.call('hall.signIn', { windowNo: w.windowNo, clerk: w.clerk, categories: ['general', 'business'] })));
    const issued = await Promise.all(
      Array.from({ length: 200 }, (_, i) => kiosks[i % 5]!.call('hall.issue', { requestId: `issue-${String(i).padStart(4, '0')}`, categoryId: i % 3 === 0 ? 'business' : 'general' })),
    );
    const labels = issued.map((x) => x.ticket.label);
    expect(new Set(labels).size).toBe(200);
    // Each window: call, finish, call again … until the hall is empty.
    const calledIds: string[] = [];
    await Promise.all(
      windows.map(async (w) => {
        let n = 0;
        for (;;) {
          const at = { windowNo: w.windowNo, clerk: w.clerk };
          let s;
          try {
            s = await w.c.call('hall.callNext', { ...at, requestId: `call-${w.windowNo}-${n}` });
          } catch (e) {
            if (e instanceof AppError && e.rule === 'queue.empty') return;
            throw e;
          }
          calledIds.push(s.current!.id);
          await w.c.call('hall.start', { ...at, requestId: `start-${w.windowNo}-${n}` });
          await w.c.call('hall.finish', { ...at, requestId: `finish-${w.windowNo}-${n}`, caseNos: [] });
          n++;
        }
      }),
    );
    expect(calledIds).toHaveLength(200);
    expect(new Set(calledIds).size).toBe(200);
    expect((db.prepare("SELECT count(*) AS n FROM tickets WHERE state = 'done'").get() as { n: number }).n).toBe(200);
  });

  it('pushes calls to subscribers and keeps everything across a hall service restart', async () => {
    const c = client();
    const seen: HallEvent[] = [];
    c.subscribe((e) => seen.push(e));
    await new Promise<void>((resolve) => c.onConnection((up) => up && resolve()));
    await c.call('hall.signIn', { windowNo: 7, clerk: '王芳', categories: ['general'] });
    await c.call('hall.issue', { requestId: 'kiosk-0001', categoryId: 'general' });
    await c.call('hall.issue', { requestId: 'kiosk-0002', categoryId: 'general', priorityGroup: '老年人' });
    const s = await c.call('hall.callNext', { windowNo: 7, clerk: '王芳', requestId: 'call-0001' });
    expect(s.current).toMatchObject({ label: 'A002', priorityGroup: '老年人' });
    expect(s.current!.callReason).toContain('优先群体（老年人）');
    await expect.poll(() => seen.find((e) => e.event === 'called')).toMatchObject({ ticket: { label: 'A002', windowNo: 7 }, recall: false });

    const port = server.port;
    await server.close();
    db.close();
    await expect(c.call('hall.board', {})).rejects.toMatchObject({ code: 'OFFLINE' });
    await boot(port);
    // The client reconnects by itself; the called ticket, the queue and the numbering are intact.
    const board = await c.call('hall.board', {});
    expect(board.windows).toEqual([{ windowNo: 7, paused: false, current: expect.objectContaining({ label: 'A002' }) }]);
    expect(board.waiting.find((w) => w.category.id === 'general')!.count).toBe(1);
    expect((await c.call('hall.issue', { requestId: 'kiosk-0003', categoryId: 'general' })).ticket.label).toBe('A003');
    // The retried call from before the restart is recognised.
    expect((await c.call('hall.callNext', { windowNo: 7, clerk: '王芳', requestId: 'call-0001' })).current?.label).toBe('A002');
  });
});
