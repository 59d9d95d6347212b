import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CentralAuthStub, startCentralAuth } from '../../../test/support/central-auth';
import { makeTempDir } from '../../../test/support/tmp';
import { type AppServices, createAppServices } from '../app';
import { AuthService, MAX_FAILURES } from './auth-service';
import { checkVerifier, makeVerifier } from './verifier';
import { verifyAudit } from '../audit/audit-log';

const tmp = makeTempDir();
let central: CentralAuthStub;
let n = 0;
beforeAll(async () => {
  central = await startCentralAuth();
});
afterAll(async () => {
  await central.close();
  tmp.cleanup();
});

/** Real services on a fresh folder, with an AuthService on a clock the test moves. */
function setup() {
  const app = createAppServices({ dataDir: `${tmp.dir}/a${n++}`, host: 'browser', sampleCatalogSize: 50 });
  app.settings.update({ centralUrl: central.url });
  const clock = { t: Date.parse('2026-11-23T08:00:00Z') };
  const seen: string[] = [];
  const auth = new AuthService(app.db, app.settings, app.events, (e) => seen.push(`${e.action}:${e.actor}`), () => new Date(clock.t));
  return { app, auth, clock, seen };
}
const DAY = 86_400_000;
const rows = (app: AppServices) => app.db.prepare('SELECT login, role, password_verifier, last_online_at FROM auth_accounts').all() as Record<string, string>[];

describe('scrypt verifier', () => {
  it('accepts the secret, refuses others and garbage', async () => {
    const v = await makeVerifier('Hall-2026');
    expect(v).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(v).not.toContain('Hall-2026');
    expect(await checkVerifier('Hall-2026', v)).toBe(true);
    expect(await checkVerifier('hall-2026', v)).toBe(false);
    expect(await checkVerifier('Hall-2026', 'md5$abc')).toBe(false);
  });
});

describe('clerk sign-in', () => {
  it('first sign-in asks the platform and caches the account with a verifier, never the password', async () => {
    const { app, auth, seen } = setup();
    const s = await auth.signIn('zhangsan', 'Hall-2026');
    expect(s).toMatchObject({ mode: 'online', locked: false, account: { login: 'zhangsan', name: '张三', role: 'clerk', windowNos: [1] } });
    expect(s.offlineUntil).toBe('2026-11-30T08:00:00.000Z');
    const [row] = rows(app);
    expect(row).toMatchObject({ login: 'zhangsan', role: 'clerk', last_online_at: '2026-11-23T08:00:00.000Z' });
    expect(JSON.stringify(rows(app))).not.toContain('Hall-2026');
    expect(seen).toEqual(['auth.signIn:zhangsan']);
    app.close();
  });

  it('offline: works within the allowed days, refused past them with the reason, and never on a first sign-in', async () => {
    const { app, auth, clock } = setup();
    await expect(auth.signIn('lisi', 'Hall-2026')).resolves.toMatchObject({ mode: 'online' });
    auth.signOut();
    // The platform goes away: a port nobody listens on.
    app.settings.update({ centralUrl: 'http://127.0.0.1:9' });
    await expect(auth.signIn('zhangsan', 'Hall-2026')).rejects.toMatchObject({ code: 'OFFLINE', message: expect.stringContaining('从未在本机联网登录过') });
    clock.t += 6 * DAY;
    await expect(auth.signIn('lisi', 'Hall-2026')).resolves.toMatchObject({ mode: 'offline', account: { role: 'supervisor' } });
    auth.signOut();
    await expect(auth.signIn('lisi', 'wrong')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    clock.t += 2 * DAY;
    const refused = await auth.signIn('lisi', 'Hall-2026').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/离线登录期限已过：本机允许离线登录 7 天/) });
    expect((refused as { hint: string }).hint).toMatch(/恢复与政务服务平台的网络连接/);
    // A configurable number of days.
    app.settings.update({ auth: { offlineDays: 10, idleLockMinutes: 5, lockoutMinutes: 15 } });
    await expect(auth.signIn('lisi', 'Hall-2026')).resolves.toMatchObject({ mode: 'offline' });
    app.close();
  });

  it('five wrong passwords lock the account for a while, even with the right password; then it opens again', async () => {
    const { auth, clock, seen } = setup();
    await auth.signIn('zhangsan', 'Hall-2026');
    auth.signOut();
    for (let i = 0; i < MAX_FAILURES; i++) await expect(auth.signIn('zhangsan', 'nope')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(auth.signIn('zhangsan', 'Hall-2026')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('临时锁定') });
    expect(seen.filter((s) => s === 'auth.failed:zhangsan')).toHaveLength(5);
    expect(seen).toContain('auth.lockout:zhangsan');
    clock.t += 16 * 60_000;
    await expect(auth.signIn('zhangsan', 'Hall-2026')).resolves.toMatchObject({ mode: 'online' });
  });

  it('unknown logins are rate-limited too, and platform refusals are explained', async () => {
    const { auth } = setup();
    for (let i = 0; i < MAX_FAILURES; i++) await expect(auth.signIn('ghost', 'x')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(auth.signIn('ghost', 'x')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(auth.signIn('wangwu', 'Hall-2026')).rejects.toMatchObject({ code: 'FORBIDDEN', message: '这个账号已停用。' });
  });

  it('lock keeps the seat; unlock with password or PIN; wrong unlocks end the seat', async () => {
    const { auth } = setup();
    await auth.signIn('zhangsan', 'Hall-2026');
    await expect(auth.setPin('2468')).resolves.toMatchObject({ hasPin: true });
    expect(auth.lock()).toMatchObject({ locked: true, account: { login: 'zhangsan' } });
    expect(() => auth.requireClerk()).toThrow(/屏幕已锁定/);
    await expect(auth.unlock({ pin: '1357' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(auth.unlock({ pin: '2468' })).resolves.toMatchObject({ locked: false });
    auth.lock();
    await expect(auth.unlock({ password: 'Hall-2026' })).resolves.toMatchObject({ locked: false });
    auth.lock();
    for (let i = 0; i < MAX_FAILURES - 1; i++) await expect(auth.unlock({ pin: '0000' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(auth.session()).toMatchObject({ locked: true });
    await expect(auth.unlock({ pin: '0000' })).rejects.toMatchObject({ hint: expect.stringContaining('已临时锁定并退出登录') });
    expect(auth.session()).toMatchObject({ account: null, locked: false });
  });
});

describe('roles through the contract', () => {
  it('settings.update: open before anyone signed in here, then 管理员 only (enforced in the service)', async () => {
    const app = createAppServices({ dataDir: `${tmp.dir}/r${n++}`, host: 'browser', sampleCatalogSize: 50 });
    const call = (m: string, i: unknown) => app.dispatch(m, i, { via: 'internal' });
    expect(await call('settings.update', { centralUrl: central.url })).toMatchObject({ ok: true });
    expect(await call('auth.signIn', { login: 'zhangsan', password: 'Hall-2026' })).toMatchObject({ ok: true });
    expect(await call('settings.update', { windowNo: 9 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '“窗口人员”没有这项权限。' } });
    expect(await call('ratings.followUps', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await call('auth.signOut', {});
    expect(await call('settings.update', { windowNo: 9 })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    await call('auth.signIn', { login: 'admin', password: 'Hall-2026' });
    expect(await call('settings.update', { windowNo: 9 })).toMatchObject({ ok: true, value: { windowNo: 9 } });
    // The real audit table got the entries, chained.
    const audit = app.db.prepare('SELECT actor, action, prev_hash, hash FROM audit_log ORDER BY id').all() as { actor: string; action: string; prev_hash: string; hash: string }[];
    expect(audit.map((a) => `${a.action}:${a.actor}`)).toEqual(['auth.signIn:zhangsan', 'auth.signOut:zhangsan', 'auth.signIn:admin']);
    expect(audit[1]!.prev_hash).toBe(audit[0]!.hash);
    // Every unmasking of an ID number is recorded with its reason, never with the number.
    expect(await call('auth.recordUnmask', { target: 'case:3301022611230001', reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('auth.recordUnmask', { target: 'case:3301022611230001', reason: '打印受理通知书核对' })).toMatchObject({ ok: true });
    expect(app.db.prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'id.unmask'").all()).toEqual([
      { actor: 'admin', target: 'case:3301022611230001', detail: JSON.stringify({ reason: '打印受理通知书核对' }) },
    ]);
    app.close();
  });

  it('a fresh install without a platform address lets the installer in as setup, once only', async () => {
    const app = createAppServices({ dataDir: `${tmp.dir}/s${n++}`, host: 'browser', sampleCatalogSize: 50 });
    const call = (m: string, i: unknown) => app.dispatch(m, i, { via: 'internal' });
    expect(await call('auth.signIn', { login: 'zhangsan', password: 'x' })).toMatchObject({ ok: false, error: { code: 'OFFLINE', hint: expect.stringContaining('setup') } });
    expect(await call('auth.signIn', { login: 'setup', password: 'setup' })).toMatchObject({ ok: true, value: { account: { role: 'admin' } } });
    expect(await call('settings.update', { centralUrl: central.url })).toMatchObject({ ok: true });
    await call('auth.signOut', {});
    // With an address set, setup is an ordinary (unknown) login again.
    expect(await call('auth.signIn', { login: 'setup', password: 'setup' })).toMatchObject({ ok: false });
    expect(verifyAudit(app.db).ok).toBe(true);
    app.close();
  });
});
