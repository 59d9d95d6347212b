import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/contract';
import { applicant } from '../../../test/support/people';
import { makeTempDir } from '../../../test/support/tmp';
import { sampleGuides } from '../catalog/sample-catalog';
import { type AppServices, createAppServices } from '../app';
import type { DB } from '../db/connection';
import { type HallServer, startHallServer } from './hall-server';
import { openHallQueue } from './hall-store';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppServices;
let hall: { db: DB; server: HallServer; key: string } | null;
const seen: { name: EventName; payload: unknown }[] = [];

async function bootHall(port = 0) {
  const { db, queue, key } = openHallQueue(`${tmp.dir}/hall`);
  hall = { db, key, server: await startHallServer({ queue, key, port }) };
}
async function stopHall() {
  await hall!.server.close();
  hall!.db.close();
}

beforeEach(async () => {
  tmp = makeTempDir('zhck-queue-svc-');
  await bootHall();
  app = createAppServices({ dataDir: `${tmp.dir}/client`, host: 'browser', sampleCatalogSize: 300 });
  app.events.subscribe((name, payload) => seen.push({ name, payload }));
  app.settings.update({ windowNo: 4, clerkName: '赵敏', queue: { mode: 'remote', remoteUrl: hall!.server.url, hallKey: hall!.key } });
});
afterEach(async () => {
  app.close();
  await stopHall();
  tmp.cleanup();
  seen.length = 0;
});

const call = async (method: string, input: unknown = {}) => {
  const env = await app.dispatch(method, input, { via: 'internal' });
  if (!env.ok) throw Object.assign(new Error(env.error.message), env.error);
  return env.value as { current: { label: string } | null; connection: { state: string }; waiting: { count: number }[] };
};

describe('clerk queue service against a remote hall over the LAN', () => {
  it('signs the window in, calls with the contract, and emits queue.ticketCalled for this window', async () => {
    const s = await call('queue.status');
    expect(s.connection.state).toBe('connected');
    const kiosk = await fetch(`${hall!.server.url}/api/hall.issue`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${hall!.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ requestId: 'kiosk-req-1', categoryId: 'general' }),
    });
    expect(kiosk.status).toBe(200);
    const called = await call('queue.callNext', { requestId: 'clerk-req-1' });
    expect(called.current?.label).toBe('A001');
    await expect.poll(() => seen.find((e) => e.name === 'queue.ticketCalled')).toMatchObject({ payload: { ticket: { label: 'A001', windowNo: 4 }, recall: false } });
    await call('queue.start');
    await call('queue.finish', { caseNos: ['330102-2026-000001'] });
    const row = hall!.db.prepare("SELECT case_nos FROM tickets WHERE label = 'A001'").get() as { case_nos: string };
    expect(JSON.parse(row.case_nos)).toEqual(['330102-2026-000001']);
  });

  it('办结 of a ticket records the 受理号 of the cases opened for it today', async () => {
    await fetch(`${hall!.server.url}/api/hall.issue`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${hall!.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ requestId: 'kiosk-req-9', categoryId: 'general' }),
    });
    const called = await call('queue.callNext', { requestId: 'clerk-req-9' });
    await call('queue.start');
    const ticketNo = called.current!.label;
    const draft = app.cases.saveDraft({ applicant: applicant('孙立', 31), itemIds: [sampleGuides.gtgsh.id], ticketNo });
    app.cases.saveDraft({ caseId: draft.id, materials: draft.materials.filter((m) => m.necessity === 'required').map((m) => ({ key: m.key, state: 'paper' as const })) });
    const { case: accepted } = app.cases.accept(draft.id);
    app.cases.saveDraft({ applicant: applicant('孙立', 31), itemIds: [sampleGuides.gtgsh.id], ticketNo }); // a draft left open: no 受理号, not linked
    await call('queue.finish', {});
    const row = hall!.db.prepare('SELECT case_nos FROM tickets WHERE label = ?').get(ticketNo) as { case_nos: string };
    expect(JSON.parse(row.case_nos)).toEqual([accepted.caseNo]);
  });

  it('a window another PC still holds is refused; a 管理员/值班长 takes it over, and the next clerk on this PC inherits it', async () => {
    const held = await fetch(`${hall!.server.url}/api/hall.signIn`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${hall!.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ windowNo: 4, clerk: '钱七', categories: ['general'] }),
    });
    expect(held.status).toBe(200);
    await expect(call('queue.status')).rejects.toMatchObject({ code: 'CONFLICT', rule: 'queue.oneClerkPerWindow' });
    await expect(call('queue.takeOverWindow')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await app.auth.signIn('setup', 'x'); // 安装调试 is a 管理员
    await call('queue.takeOverWindow');
    const seat = () => (hall!.db.prepare('SELECT clerk FROM windows WHERE window_no = 4').get() as { clerk: string }).clerk;
    expect(seat()).toBe('安装调试（未接入平台）');
    // Sign-out on this PC: calls fall back to the window's configured clerk, and the seat passes on.
    app.auth.signOut();
    expect((await call('queue.status')).connection.state).toBe('connected');
    expect(seat()).toBe('赵敏');
  });

  it('hall unreachable: the status says so, a call fails in Chinese after retries; back up: the same request calls once', async () => {
    await call('queue.status');
    await fetch(`${hall!.server.url}/api/hall.issue`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${hall!.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ requestId: 'kiosk-req-2', categoryId: 'general' }),
    });
    const port = hall!.server.port;
    await stopHall();
    const offline = await call('queue.status');
    expect(offline.connection.state).toBe('offline');
    await expect(call('queue.callNext', { requestId: 'clerk-req-2' })).rejects.toMatchObject({ code: 'OFFLINE', message: expect.stringContaining('无法连接叫号服务') });
    expect(seen.some((e) => e.name === 'queue.connection' && (e.payload as { state: string }).state === 'offline')).toBe(true);
    await bootHall(port);
    const first = await call('queue.callNext', { requestId: 'clerk-req-2' });
    const retried = await call('queue.callNext', { requestId: 'clerk-req-2' });
    expect(first.current?.label).toBe('A001');
    expect(retried.current?.label).toBe('A001');
    expect((hall!.db.prepare("SELECT count(*) AS n FROM events WHERE kind = 'call'").get() as { n: number }).n).toBe(1);
  });

  it('a wrong hall key is reported in Chinese', async () => {
    app.settings.update({ queue: { hallKey: 'not-the-key' } });
    await expect(call('queue.status')).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: '叫号服务的大厅密钥不正确。' });
  });
});
