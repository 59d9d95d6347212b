import { type Account, type Role, roleLabels, type Session } from '../../../shared/contract/auth';
import { AppError } from '../../../shared/contract/errors';
import { type DB, writeTransaction } from '../db/connection';
import type { EventHub } from '../events';
import type { SettingsService } from '../settings/settings-service';
import type { AuditFn } from './audit-adapter';
import { platformLogin } from './platform-login';
import { checkVerifier, makeVerifier } from './verifier';

/** Wrong passwords in a row (sign-in or unlock) before the account is locked on this machine. */
export const MAX_FAILURES = 5;
const DAY_MS = 86_400_000;

interface AccountRow {
  login: string;
  name: string;
  role: Role;
  window_nos: string;
  password_verifier: string | null;
  pin_verifier: string | null;
  last_online_at: string | null;
  failed_count: number;
  locked_until: string | null;
}

const toAccount = (r: AccountRow): Account => ({ login: r.login, name: r.name, role: r.role, windowNos: JSON.parse(r.window_nos) as number[] });
const hhmm = (d: Date) => d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });
const ymd = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * Who is at this window. One machine, one clerk at a time: the session lives here, in the
 * service, so a reload or a second page cannot skip the sign-in or the lock screen.
 * The platform decides online; offline, a scrypt verifier stored at the last online sign-in
 * decides, for `settings.auth.offlineDays` days.
 */
export class AuthService {
  private account: Account | null = null;
  private mode: 'online' | 'offline' | null = null;
  private locked = false;
  /** Failures for logins this machine has never seen (nothing in the table to count them on). */
  private readonly unknownFailures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly db: DB,
    private readonly settings: SettingsService,
    private readonly events: EventHub,
    private readonly audit: AuditFn,
    private readonly now: () => Date = () => new Date(),
  ) {}

  session(): Session {
    const row = this.account ? this.row(this.account.login) : undefined;
    const { offlineDays, idleLockMinutes } = this.settings.get().auth;
    return {
      account: this.account,
      mode: this.mode,
      locked: this.locked,
      hasPin: Boolean(row?.pin_verifier),
      offlineUntil: row?.last_online_at ? new Date(Date.parse(row.last_online_at) + offlineDays * DAY_MS).toISOString() : null,
      idleLockMinutes,
    };
  }

  /** The signed-in clerk for attribution; refuses while nobody is signed in or the screen is locked. */
  requireClerk(): Account {
    if (!this.account) throw new AppError('UNAUTHORIZED', '请先登录。', { hint: '请用本人账号登录后再办理。' });
    if (this.locked) throw new AppError('UNAUTHORIZED', '屏幕已锁定。', { hint: '请输入密码或 PIN 解锁后继续。' });
    return this.account;
  }

  requireRole(...roles: Role[]): Account {
    const account = this.requireClerk();
    if (!roles.includes(account.role)) {
      throw new AppError('FORBIDDEN', `“${roleLabels[account.role]}”没有这项权限。`, {
        hint: `需要${roles.map((r) => `“${roleLabels[r]}”`).join('或')}登录后操作。`,
      });
    }
    return account;
  }

  /** Before anyone has ever signed in here, the installer must be able to set the platform address. */
  isSetupMode(): boolean {
    return (this.db.prepare('SELECT count(*) AS n FROM auth_accounts').get() as { n: number }).n === 0;
  }

  async signIn(login: string, password: string): Promise<Session> {
    const key = login.trim();
    this.refuseIfLocked(key);
    const { centralUrl, auth } = this.settings.get();
    // A fresh install with no platform address and no account yet: the installer signs in as
    // `setup` (安装调试, 管理员) to enter the address. Gone as soon as either exists.
    if (key === 'setup' && centralUrl === '' && this.isSetupMode()) {
      this.audit({ actor: 'setup', action: 'auth.setupMode', target: 'setup', detail: {} });
      return this.start({ login: 'setup', name: '安装调试（未接入平台）', role: 'admin', windowNos: [] }, 'offline');
    }
    const answer = await platformLogin(centralUrl, key, password);
    if (answer.kind === 'ok') {
      const verifier = await makeVerifier(password);
      const at = this.now().toISOString();
      writeTransaction(this.db, () => {
        this.db
          .prepare(
            `INSERT INTO auth_accounts (login, name, role, window_nos, password_verifier, last_online_at, failed_count, locked_until, updated_at)
             VALUES (@login, @name, @role, @windowNos, @verifier, @at, 0, NULL, @at)
             ON CONFLICT(login) DO UPDATE SET name = excluded.name, role = excluded.role, window_nos = excluded.window_nos,
               password_verifier = excluded.password_verifier, last_online_at = excluded.last_online_at, failed_count = 0,
               locked_until = NULL, updated_at = excluded.updated_at`,
          )
          .run({ ...answer.account, login: key, windowNos: JSON.stringify(answer.account.windowNos), verifier, at });
      });
      this.unknownFailures.delete(key);
      return this.start({ ...answer.account, login: key }, 'online');
    }
    if (answer.kind === 'refused') {
      if (answer.code === 'BAD_CREDENTIALS') this.fail(key, 'signIn');
      this.audit({ actor: key, action: 'auth.refused', target: key, detail: { by: 'platform', code: answer.code } });
      if (answer.code === 'LOCKED') throw new AppError('FORBIDDEN', '政务服务平台已锁定这个账号。', { hint: '请联系值班长或信息科在平台上解锁。' });
      if (answer.code === 'DISABLED') throw new AppError('FORBIDDEN', '这个账号已停用。', { hint: '请联系值班长或信息科。' });
      throw new AppError('UNAUTHORIZED', '账号或密码不正确。', { hint: `连续输错 ${MAX_FAILURES} 次账号将被临时锁定。` });
    }
    return this.signInOffline(key, password, auth.offlineDays, centralUrl === '');
  }

  private async signInOffline(login: string, password: string, offlineDays: number, noAddress: boolean): Promise<Session> {
    const row = this.row(login);
    if (!row?.password_verifier || !row.last_online_at) {
      throw new AppError('OFFLINE', noAddress ? '本机还没有设置政务服务平台地址，无法验证账号。' : '连接不上政务服务平台，而这个账号从未在本机联网登录过。', {
        hint: noAddress ? (this.isSetupMode() ? '新安装的客户端：请用账号 setup（安装调试，密码任意）登录，在设置中填写平台地址。' : '请管理员在设置中填写平台地址后再登录。') : '首次在本机登录需要连接平台：请检查网线或联系信息科，恢复网络后再登录。',
      });
    }
    if (!(await checkVerifier(password, row.password_verifier))) {
      this.fail(login, 'signIn');
      throw new AppError('UNAUTHORIZED', '账号或密码不正确（离线验证）。', { hint: `连续输错 ${MAX_FAILURES} 次账号将被临时锁定。` });
    }
    const deadline = Date.parse(row.last_online_at) + offlineDays * DAY_MS;
    if (this.now().getTime() > deadline) {
      this.audit({ actor: login, action: 'auth.refused', target: login, detail: { by: 'offline-limit', lastOnlineAt: row.last_online_at, offlineDays } });
      throw new AppError('FORBIDDEN', `离线登录期限已过：本机允许离线登录 ${offlineDays} 天，这个账号上次联网验证是 ${ymd(row.last_online_at)}。`, {
        hint: '请恢复与政务服务平台的网络连接后再登录（联网登录一次即可重新计算期限）；网络一时无法恢复时请联系值班长或信息科。',
      });
    }
    this.clearFailures(login);
    return this.start(toAccount(row), 'offline');
  }

  signOut(): Session {
    if (this.account) this.audit({ actor: this.account.login, action: 'auth.signOut', target: this.account.login, detail: {} });
    this.account = null;
    this.mode = null;
    this.locked = false;
    return this.changed();
  }

  lock(): Session {
    if (this.account && !this.locked) {
      this.locked = true;
      this.audit({ actor: this.account.login, action: 'auth.lock', target: this.account.login, detail: {} });
    }
    return this.changed();
  }

  async unlock(input: { password: string } | { pin: string }): Promise<Session> {
    if (!this.account) throw new AppError('UNAUTHORIZED', '请先登录。', { hint: '登录状态已结束，请重新登录。' });
    if (!this.locked) return this.session();
    const login = this.account.login;
    this.refuseIfLocked(login);
    const row = this.row(login);
    const verifier = 'pin' in input ? row?.pin_verifier : row?.password_verifier;
    if (!verifier) throw new AppError('RULE_VIOLATION', '这个账号还没有设置 PIN。', { hint: '请用登录密码解锁。' });
    if (!(await checkVerifier('pin' in input ? input.pin : input.password, verifier))) {
      const lockedOut = this.fail(login, 'unlock');
      // Locked out while the screen was locked: the seat is ended, someone must sign in again.
      if (lockedOut) this.signOut();
      throw new AppError('UNAUTHORIZED', 'pin' in input ? 'PIN 不正确。' : '密码不正确。', {
        hint: lockedOut ? '错误次数过多，账号已临时锁定并退出登录。' : `连续输错 ${MAX_FAILURES} 次账号将被临时锁定。`,
      });
    }
    this.clearFailures(login);
    this.locked = false;
    this.audit({ actor: login, action: 'auth.unlock', target: login, detail: { with: 'pin' in input ? 'pin' : 'password' } });
    return this.changed();
  }

  async setPin(pin: string): Promise<Session> {
    const account = this.requireClerk();
    const verifier = await makeVerifier(pin);
    writeTransaction(this.db, () =>
      this.db.prepare('UPDATE auth_accounts SET pin_verifier = ?, updated_at = ? WHERE login = ?').run(verifier, this.now().toISOString(), account.login),
    );
    this.audit({ actor: account.login, action: 'auth.setPin', target: account.login, detail: {} });
    return this.changed();
  }

  recordUnmask(target: string, reason: string): { recorded: true } {
    const account = this.requireClerk();
    this.audit({ actor: account.login, action: 'id.unmask', target, detail: { reason } });
    return { recorded: true };
  }

  private start(account: Account, mode: 'online' | 'offline'): Session {
    this.account = account;
    this.mode = mode;
    this.locked = false;
    this.audit({ actor: account.login, action: 'auth.signIn', target: account.login, detail: { mode } });
    return this.changed();
  }

  private changed(): Session {
    const s = this.session();
    this.events.emit('auth.changed', s);
    return s;
  }

  private row(login: string): AccountRow | undefined {
    return this.db.prepare('SELECT * FROM auth_accounts WHERE login = ?').get(login) as AccountRow | undefined;
  }

  private refuseIfLocked(login: string): void {
    const until = this.lockedUntil(login);
    if (until !== null && until > this.now().getTime()) {
      this.audit({ actor: login, action: 'auth.refused', target: login, detail: { by: 'lockout' } });
      throw new AppError('FORBIDDEN', `密码错误次数过多，这个账号在本机已临时锁定，${hhmm(new Date(until))} 后可再试。`, {
        hint: '如需立即办理，请值班长协助。',
      });
    }
  }

  private lockedUntil(login: string): number | null {
    const row = this.row(login);
    if (row) return row.locked_until ? Date.parse(row.locked_until) : null;
    return this.unknownFailures.get(login)?.lockedUntil ?? null;
  }

  /** Counts one wrong password; returns true when this one locked the account. */
  private fail(login: string, during: 'signIn' | 'unlock'): boolean {
    const { lockoutMinutes } = this.settings.get().auth;
    const nowMs = this.now().getTime();
    const row = this.row(login);
    const count = (row ? row.failed_count : (this.unknownFailures.get(login)?.count ?? 0)) + 1;
    const lockedOut = count >= MAX_FAILURES;
    const until = lockedOut ? nowMs + lockoutMinutes * 60_000 : null;
    if (row) {
      writeTransaction(this.db, () =>
        this.db
          .prepare('UPDATE auth_accounts SET failed_count = ?, locked_until = ?, updated_at = ? WHERE login = ?')
          .run(lockedOut ? 0 : count, until === null ? null : new Date(until).toISOString(), new Date(nowMs).toISOString(), login),
      );
    } else {
      this.unknownFailures.set(login, { count: lockedOut ? 0 : count, lockedUntil: until ?? 0 });
    }
    this.audit({ actor: login, action: 'auth.failed', target: login, detail: { during, count } });
    if (lockedOut) this.audit({ actor: login, action: 'auth.lockout', target: login, detail: { minutes: lockoutMinutes } });
    return lockedOut;
  }

  private clearFailures(login: string): void {
    writeTransaction(this.db, () => this.db.prepare('UPDATE auth_accounts SET failed_count = 0, locked_until = NULL WHERE login = ?').run(login));
    this.unknownFailures.delete(login);
  }
}
