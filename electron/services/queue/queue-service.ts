import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { AppError } from '../../../shared/contract/errors';
import type { HallInput, HallOpName, QueueConnection, QueueStatus, WindowStatus } from '../../../shared/contract/queue';
import type { Settings } from '../../../shared/contract/settings';
import type { DB } from '../db/connection';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import type { SettingsService } from '../settings/settings-service';
import { embeddedHallClient, type HallClient, remoteHallClient } from './hall-client';
import type { HallQueue } from './hall-queue';
import { type HallServer, startHallServer } from './hall-server';
import { openHallQueue } from './hall-store';

export interface QueueServiceOptions {
  settings: SettingsService;
  /** Name of the clerk signed in on this client, or '' (then the configured window clerk is used). */
  clerk?: () => string;
  events: EventHub;
  log: Logger;
  /** Folder of the embedded hall's queue.sqlite (the client's data folder). */
  dataDir: string;
  /** Built renderer, so the embedded hall serves the kiosk and display pages. */
  staticDir?: string;
  /** Delays between retries of a mutation that found the hall unreachable. */
  retryDelaysMs?: readonly number[];
}

type WindowOp = Exclude<HallOpName, 'hall.board' | 'hall.issue' | 'hall.checkIn' | 'hall.addAppointment' | 'hall.signIn' | 'hall.window' | 'hall.stats'>;
type OpExtra<K extends WindowOp> = Omit<HallInput<K>, 'windowNo' | 'clerk' | 'requestId'>;

/**
 * The clerk client's side of 排队叫号: one HallClient (embedded or remote), this window's sign-in,
 * retries with the same request id, and the contract's queue events.
 */
export class QueueService {
  private client: HallClient | null = null;
  private embedded: { db: DB; queue: HallQueue; key: string; server: Promise<HallServer | null> } | null = null;
  private signedInAs = '';
  /** The window this client last signed in to at the hall. */
  private heldWindow: number | null = null;
  private online = true;
  private unsubscribe: (() => void)[] = [];
  private readonly retryDelays: readonly number[];

  constructor(private readonly o: QueueServiceOptions) {
    this.retryDelays = o.retryDelaysMs ?? [300, 1000, 2000];
    o.events.subscribe((name) => {
      if (name !== 'settings.changed') return;
      // Another window number, clerk or hall: sign in again (and reconnect when the hall moved).
      if (this.client && this.clientFor !== this.hallIdentity()) this.reset();
      this.signedInAs = '';
    });
  }

  /** The embedded hall's queue, opened on first use (tests and the hall CLI reach it here). */
  embeddedHall(): { queue: HallQueue; key: string; server: Promise<HallServer | null> } {
    if (!this.embedded) {
      mkdirSync(this.o.dataDir, { recursive: true });
      const opened = openHallQueue(this.o.dataDir);
      opened.queue.configure({ hallName: this.o.settings.get().hallName });
      const port = this.o.settings.get().queue.embeddedPort;
      const server = startHallServer({ queue: opened.queue, key: opened.key, port, log: this.o.log, ...(this.o.staticDir ? { staticDir: this.o.staticDir } : {}) }).catch((error: unknown) => {
        this.o.log.warn('embedded hall server did not start', { port, error: String((error as Error)?.message) });
        return null;
      });
      this.embedded = { ...opened, server };
    }
    return this.embedded;
  }

  private clientFor = '';

  /** Which hall this client talks to and how: a change means a new connection. */
  private hallIdentity(): string {
    const q = this.o.settings.get().queue;
    return q.mode === 'remote' ? JSON.stringify([q.mode, q.remoteUrl, q.hallKey]) : 'embedded';
  }

  private ensureClient(): HallClient {
    if (this.client) return this.client;
    const s = this.o.settings.get();
    this.clientFor = this.hallIdentity();
    if (s.queue.mode === 'remote') {
      if (!s.queue.remoteUrl) throw new AppError('RULE_VIOLATION', '尚未填写叫号服务地址。', { hint: '请在“设置”中填写大厅叫号服务的地址和大厅密钥。' });
      this.client = remoteHallClient(s.queue.remoteUrl, s.queue.hallKey);
    } else {
      const hall = this.embeddedHall();
      this.client = embeddedHallClient(hall.queue, 'embedded');
    }
    const client = this.client;
    this.unsubscribe.push(
      client.subscribe((e) => {
        this.setOnline(true);
        this.o.events.emit('queue.changed', { seq: e.seq });
        if (e.event === 'called' && e.ticket.windowNo === this.o.settings.get().windowNo) {
          this.o.events.emit('queue.ticketCalled', { ticket: e.ticket, recall: e.recall });
        }
      }),
      client.onConnection((up) => {
        if (up) this.signedInAs = '';
        this.setOnline(up);
        if (up) this.o.events.emit('queue.changed', { seq: 0 });
      }),
    );
    return client;
  }

  private reset(): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.client?.close();
    this.client = null;
    this.signedInAs = '';
    this.heldWindow = null;
  }

  private connection(): QueueConnection {
    const s = this.o.settings.get();
    const url = s.queue.mode === 'remote' ? s.queue.remoteUrl : '本机';
    return {
      mode: s.queue.mode,
      state: this.online ? 'connected' : 'offline',
      hallUrl: url,
      message: this.online ? (s.queue.mode === 'remote' ? '已连接大厅叫号服务' : '本机叫号服务') : '叫号服务连接中断，现场来办群众可直接受理，恢复后自动重连',
    };
  }

  private setOnline(up: boolean): void {
    if (this.online === up) return;
    this.online = up;
    this.o.events.emit('queue.connection', this.connection());
  }

  private at(s: Settings) {
    // The signed-in clerk, so that calls are attributed to a person; the configured name before sign-in.
    return { windowNo: s.windowNo, clerk: this.o.clerk?.() || s.clerkName };
  }

  /** Calls the hall, retrying unreachable attempts with the same arguments (same request id). */
  private async reach<K extends HallOpName>(op: K, input: HallInput<K>) {
    const client = this.ensureClient();
    for (let attempt = 0; ; attempt++) {
      try {
        const value = await client.call(op, input);
        this.setOnline(true);
        return value;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'OFFLINE') throw error;
        this.setOnline(false);
        const wait = this.retryDelays[attempt];
        if (wait === undefined) throw error;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  private async signIn(force = false): Promise<void> {
    const s = this.o.settings.get();
    const who = JSON.stringify([s.windowNo, this.at(s).clerk, s.queue.categories, s.queue.mode, s.queue.remoteUrl]);
    if (this.signedInAs === who && !force) return;
    // The clerk changed on this client (sign-out, next clerk in): the seat is this client's own, so
    // it passes on; another client's seat is refused by the hall unless a 值班长 takes it over.
    const handOver = this.heldWindow === s.windowNo;
    await this.reach('hall.signIn', { ...this.at(s), categories: s.queue.categories, force: force || handOver });
    this.signedInAs = who;
    this.heldWindow = s.windowNo;
  }

  /**
   * 值班长: the window is still held by a clerk who left without signing out; take the seat over
   * for the person signed in here (the hall logs it as a sign-in).
   */
  async takeOver(): Promise<QueueStatus> {
    await this.signIn(true);
    return this.status();
  }

  private withConnection(w: WindowStatus): QueueStatus {
    return { ...w, connection: this.connection() };
  }

  async status(): Promise<QueueStatus> {
    const s = this.o.settings.get();
    try {
      await this.signIn();
      return this.withConnection(await this.reach('hall.window', this.at(s)));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'OFFLINE') throw error;
      // Offline is a state to show, not a failure: the clerk keeps accepting walk-ins.
      return this.withConnection({
        window: { windowNo: s.windowNo, clerk: s.clerkName, categories: s.queue.categories, paused: false, pauseReason: null },
        current: null,
        suspended: [],
        waiting: [],
      });
    }
  }

  async op<K extends WindowOp>(op: K, extra: OpExtra<K>, requestId?: string): Promise<QueueStatus> {
    await this.signIn();
    const s = this.o.settings.get();
    const input = { ...extra, ...this.at(s), requestId: requestId ?? randomUUID() } as unknown as HallInput<K>;
    return this.withConnection((await this.reach(op, input)) as WindowStatus);
  }

  async hallInfo(): Promise<{ mode: 'embedded' | 'remote'; url: string; kioskUrl: string; displayUrl: string }> {
    const s = this.o.settings.get();
    let url: string;
    let key: string;
    if (s.queue.mode === 'remote') {
      url = s.queue.remoteUrl.replace(/\/+$/, '');
      key = s.queue.hallKey;
    } else {
      const hall = this.embeddedHall();
      const server = await hall.server;
      if (!server) throw new AppError('DEVICE', '本机叫号服务的网络端口没有打开。', { hint: `端口 ${s.queue.embeddedPort} 可能被占用；请在设置中换一个端口。` });
      url = server.url;
      key = hall.key;
    }
    return { mode: s.queue.mode, url, kioskUrl: `${url}/kiosk/#key=${key}`, displayUrl: `${url}/display/#key=${key}` };
  }

  close(): void {
    this.reset();
    if (this.embedded) {
      const { db, server } = this.embedded;
      this.embedded = null;
      db.close();
      void server.then((s) => s?.close());
    }
  }
}
