import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../../test/central/server';
import { acceptCase, caseNoOf, until } from '../../../test/support/sync';
import { makeTempDir } from '../../../test/support/tmp';
import type { CaseDetail } from '../../../shared/contract/cases';
import { applicant } from '../../../test/support/people';
import { createAppServices } from '../app';
import { sampleGuides } from '../catalog/sample-catalog';

const tmp = makeTempDir();
afterAll(tmp.cleanup);
const central = resolve(import.meta.dirname, '../../../test/central/cli.ts');

describe('sync service in the app', () => {
  it('a case accepted offline reaches the platform when the link returns; the back office decision comes back as 待出件', async () => {
    const platformDir = join(tmp.dir, 'platform');
    let platform = await startPlatform({ dataDir: platformDir });
    const port = Number(new URL(platform.url).port);
    await platform.close(); // the link is down
    const services = createAppServices({ dataDir: join(tmp.dir, 'client'), host: 'browser' });
    const call = async (method: string, input: unknown): Promise<unknown> => {
      const r = (await services.dispatch(method, input, { via: 'internal' })) as { ok: boolean; value?: unknown; error?: unknown };
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    };
    const statuses: string[] = [];
    services.events.subscribe((name, payload) => {
      if (name === 'sync.status') statuses.push((payload as { state: string }).state);
    });
    expect(await call('sync.status', {})).toMatchObject({ state: 'off' });
    // A real 受理 through the case service, of an item of the shipped guides the platform publishes.
    const draft = await call('cases.saveDraft', { applicant: applicant(), itemIds: [sampleGuides.gtgsh.id] }) as CaseDetail;
    const materials = draft.materials.filter((m) => m.necessity === 'required').map((m) => ({ key: m.key, state: 'paper' }));
    const ready = await call('cases.saveDraft', { caseId: draft.id, draftRev: draft.draftRev, materials }) as CaseDetail;
    const { case: accepted } = await call('cases.accept', { caseId: ready.id }) as { case: CaseDetail };
    const caseNo = accepted.caseNo!;
    // a rejected op, to see 同步问题
    acceptCase(services.db, 2, { itemId: 'GONE' });
    await call('settings.update', { centralUrl: `http://127.0.0.1:${port}`, hallCode: '110101' });
    await until(() => statuses.includes('offline'), 'offline status');
    expect(await call('elicense.lookup', { certNo: '110101199003071234', licenseType: 'hukou' })).toEqual({ status: 'offline' });
    platform = await startPlatform({ dataDir: platformDir, port });
    await call('sync.retryNow', {});
    await until(() => (platform.db.prepare('SELECT count(*) AS n FROM ops').get() as { n: number }).n === 2, 'ops on the platform');
    await until(() => services.sync.status().pending === 0, 'the verdicts recorded');
    const problems = (await call('sync.problems', {})) as { seq: number; summary: string; code: string }[];
    expect(problems).toEqual([expect.objectContaining({ seq: 2, code: 'UNKNOWN_ITEM', summary: `办件 ${caseNoOf(2)} · 王小明（110101********1234）` })]);
    const exported = (await call('sync.exportProblems', {})) as { content: string; count: number };
    expect(exported.count).toBe(1);
    expect(exported.content).not.toContain('110101199003071234');
    expect(await call('elicense.lookup', { certNo: '110101199003071234', licenseType: 'hukou' })).toEqual({ status: 'found', licenseId: 'EL-HK-0001', name: '居民户口簿' });
    // the back office, through the operator command
    const r = spawnSync(process.execPath, ['--import', 'tsx', central, '--data-dir', platformDir, 'approve', caseNo], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    await call('sync.retryNow', {});
    await until(() => services.cases.get(accepted.id).status === 'awaitingPickup', '待出件', 45_000);
    const events = services.db.prepare("SELECT action, to_status, status_code FROM case_events WHERE actor = '政务服务平台' ORDER BY id").all();
    expect(events).toEqual([
      { action: 'departmentAccept', to_status: 'departmentAccepted', status_code: 8 },
      { action: 'conclude', to_status: 'awaitingPickup', status_code: 11 },
    ]);
    // The platform's catalogue replaced the 示例 one, and the search box sees it at once.
    expect(services.catalog.meta().source).toBe('platform');
    expect(services.catalog.search('个体工商户设立登记').map((h) => h.id)).toContain(sampleGuides.gtgsh.id);
    expect(services.catalog.item(sampleGuides.gtgsh.id).materials.length).toBe(sampleGuides.gtgsh.materials.length);
    // retry a problem: a new op with a new seq; the platform rejects it again (the item is still unknown)
    expect(await call('sync.retryProblem', { seq: 2 })).toEqual({ newSeq: 3 });
    await until(() => (platform.db.prepare('SELECT count(*) AS n FROM ops').get() as { n: number }).n === 3, 'the retried op');
    await until(() => (services.sync.status().rejected === 1), 'one problem again');
    // 好差评 from the customer screen, by the signed-in clerk (an account of the platform)
    await call('auth.signIn', { login: 'zhangsan', password: 'Hall-2026' });
    const req = (await call('customer.requestRating', { caseNo, ticketNo: null, serviceStep: 'accept' })) as { requestId: string };
    await call('customer.submitRating', { requestId: req.requestId, grade: 5, optionCodes: [], comment: '' });
    await until(() => (platform.db.prepare('SELECT count(*) AS n FROM ratings WHERE case_no = ?').get(caseNo) as { n: number }).n === 1, 'the rating on the platform');
    const filed = JSON.parse((platform.db.prepare('SELECT payload FROM ratings WHERE case_no = ?').get(caseNo) as { payload: string }).payload) as { grade: number; clerk: string; channel: number };
    expect(filed).toMatchObject({ grade: 5, clerk: 'zhangsan', channel: 5 });
    const ratings = spawnSync(process.execPath, ['--import', 'tsx', central, '--data-dir', platformDir, 'ratings'], { encoding: 'utf8' });
    expect(ratings.stdout).toContain(caseNo);
    await services.close();
    await platform.close();
  }, 120_000);

  it('clerk login: accounts from the fixture, wrong password, disabled, locked', async () => {
    const dir = join(tmp.dir, 'login');
    const platform = await startPlatform({ dataDir: dir });
    const login = (body: unknown) => fetch(`${platform.url}/auth/clerk-login`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    const ok = await login({ login: 'zhangsan', password: 'Hall-2026' });
    expect(ok).toMatchObject({ status: 200, body: { account: { login: 'zhangsan', name: '张三', role: 'clerk' } } });
    expect((await login({ login: 'lisi', password: 'Hall-2026' })).body).toMatchObject({ account: { role: 'supervisor' } });
    expect(await login({ login: 'zhangsan', password: 'x' })).toMatchObject({ status: 401, body: { code: 'BAD_CREDENTIALS' } });
    for (let i = 0; i < 4; i++) await login({ login: 'zhangsan', password: 'x' });
    expect(await login({ login: 'zhangsan', password: 'Hall-2026' })).toMatchObject({ status: 401, body: { code: 'LOCKED' } });
    await platform.close();
    const r = spawnSync(process.execPath, ['--import', 'tsx', central, '--data-dir', dir, 'account', 'disable', 'lisi'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const again = await startPlatform({ dataDir: dir });
    const res = await fetch(`${again.url}/auth/clerk-login`, { method: 'POST', body: JSON.stringify({ login: 'lisi', password: 'Hall-2026' }) });
    expect(await res.json()).toMatchObject({ code: 'DISABLED', message: '该账号已停用，请联系管理员。' });
    await again.close();
  });
});
