import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import type {
  Board,
  Category,
  HallParsed,
  Issued,
  QueueStats,
  Ticket,
  WindowState,
  WindowStatus,
} from '../../../shared/contract/queue';
import { businessDay, formatLabel } from '../../../shared/domain/queue/day';
import { type Candidate, chooseNext, defaultPolicy, initialRatio, type Policy, type RatioState } from '../../../shared/domain/queue/next-ticket';
import { type TicketAction, transition } from '../../../shared/domain/queue/states';
import { type DB, writeTransaction } from '../db/connection';
import { TICKET_SELECT, type TicketRow, toTicket, type WindowRow } from './rows';

export interface HallConfig {
  hallName: string;
  /** IANA zone of the hall: numbering resets at its midnight. */
  timeZone: string;
  /** Keep waiting tickets and numbering across midnight (e.g. an emergency office). */
  keepOvernight: boolean;
  policy: Policy;
  /** Recalls after which the ticket is marked 过号 automatically. */
  recallLimit: number;
  /** 过号顺延: how many places back a no-show is put. */
  requeueBack: number;
  priorityGroups: string[];
  /** Check-in opens this many minutes before the appointment slot. */
  checkInEarlyMinutes: number;
}

export const defaultHallConfig: HallConfig = {
  hallName: '示例区政务服务中心',
  timeZone: 'Asia/Shanghai',
  keepOvernight: false,
  policy: defaultPolicy,
  recallLimit: 3,
  requeueBack: 3,
  priorityGroups: ['老年人', '残疾人', '军人', '孕妇'],
  checkInEarlyMinutes: 30,
};

export type HallNotice = { event: 'changed'; seq: number } | { event: 'called'; seq: number; ticket: Ticket; recall: boolean };
type At = { windowNo: number; clerk: string };
/** How many waiting tickets of each lane a window's status lists. */
const WAITING_SHOWN = 30;
interface Lane {
  /** Waiting, and not named for any window or clerk. */
  open: number;
  /** Waiting, named by a transfer for one window or clerk. */
  targeted: TicketRow[];
  /** The first tickets in queue order, named or not. */
  head: TicketRow[];
  /** The contract's ticket for one of these rows, built once however many windows list it. */
  ticket(r: TicketRow): Ticket;
}
type Statement = Database.Statement<unknown[], unknown>;
/** Queue order within a lane; the same order as the next-ticket rule's tie-breaks. */
const QUEUE_ORDER = 't.back_from_suspend DESC, t.order_key, t.issued_at, t.id';

const ticketLocked = (label: string) =>
  new AppError('CONFLICT', `号票 ${label} 正在被其他窗口处理。`, { hint: '请刷新后重试。', rule: 'queue.oneTicketPerWindow' });

/**
 * The hall queue: every operation is one IMMEDIATE transaction on queue.sqlite, so concurrent
 * windows are serialised by SQLite itself (also across processes) and a crash leaves either the
 * whole transition or none of it. Nothing lives only in memory: a restart loses nothing.
 */
export class HallQueue {
  private readonly listeners = new Set<(n: HallNotice) => void>();
  private config: HallConfig;

  constructor(
    private readonly db: DB,
    private readonly now: () => number = Date.now,
  ) {
    const row = db.prepare("SELECT value FROM hall_config WHERE key = 'config'").get() as { value: string } | undefined;
    this.config = { ...defaultHallConfig, ...(row ? (JSON.parse(row.value) as Partial<HallConfig>) : {}) };
  }

  get hallConfig(): HallConfig {
    return this.config;
  }

  configure(patch: Partial<HallConfig>): HallConfig {
    this.config = { ...this.config, ...patch };
    this.sql("INSERT INTO hall_config (key, value) VALUES ('config', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(this.config));
    return this.config;
  }

  upsertCategory(c: Category): void {
    writeTransaction(this.db, () => {
      const sort = (this.sql('SELECT coalesce(max(sort), 0) + 1 AS s FROM categories').get() as { s: number }).s;
      this.sql('INSERT INTO categories (id, prefix, name, sort) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET prefix = excluded.prefix, name = excluded.name').run(c.id, c.prefix, c.name, sort);
    });
  }

  private readonly statements = new Map<string, Statement>();

  /**
   * A prepared statement, compiled once: compiling the ticket queries cost more than running
   * them, on every operation. The texts vary only with the number of categories a window serves,
   * so the cache stays small; it is emptied if that ever stops being true.
   */
  private sql(text: string): Statement {
    let s = this.statements.get(text);
    if (!s) {
      if (this.statements.size >= 500) this.statements.clear();
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  subscribe(fn: (n: HallNotice) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private today(): string {
    return businessDay(this.now(), this.config.timeZone);
  }

  // --- reads ------------------------------------------------------------------------------------

  categories(): Category[] {
    return this.sql('SELECT id, prefix, name FROM categories ORDER BY sort').all() as Category[];
  }

  private category(id: string): Category {
    const c = this.sql('SELECT id, prefix, name FROM categories WHERE id = ?').get(id) as Category | undefined;
    if (!c) throw new AppError('NOT_FOUND', '没有这个业务类别。', { hint: '请重新选择业务类别；如果类别已调整，请刷新页面。' });
    return c;
  }

  private ticketRow(id: string): TicketRow | undefined {
    return this.sql(`${TICKET_SELECT} WHERE t.id = ?`).get(id) as TicketRow | undefined;
  }

  ticket(id: string): Ticket | null {
    const r = this.ticketRow(id);
    return r ? toTicket(r) : null;
  }

  /** SQL filter for tickets still in today's queue (all days when kept overnight) of the given categories. */
  private waitingWhere(categoryIds: readonly string[]): { sql: string; args: unknown[] } {
    const marks = categoryIds.map(() => '?').join(',') || "''";
    const args: unknown[] = [...categoryIds];
    let sql = `t.state = 'waiting' AND t.category_id IN (${marks})`;
    if (!this.config.keepOvernight) {
      // After the rollover every waiting ticket is today's: the day narrows nothing, and the unary
      // + keeps SQLite from walking the whole day's waiting list by it instead of a lane.
      sql += ' AND +t.day = ?';
      args.push(this.today());
    }
    return { sql, args };
  }

  /** Waiting tickets in queue order (the order the next-ticket rule uses within a lane). */
  private waitingRows(categoryIds: readonly string[], limit = -1): TicketRow[] {
    const w = this.waitingWhere(categoryIds);
    return this.sql(`${TICKET_SELECT} WHERE ${w.sql} ORDER BY ${QUEUE_ORDER} LIMIT ?`).all(...w.args, limit) as TicketRow[];
  }

  private waitingCounts(categoryIds: readonly string[]): Map<string, number> {
    const w = this.waitingWhere(categoryIds);
    const rows = this.sql(`SELECT t.category_id AS id, count(*) AS n FROM tickets t WHERE ${w.sql} GROUP BY t.category_id`).all(...w.args) as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  private windowRow(windowNo: number): WindowRow | undefined {
    return this.sql('SELECT * FROM windows WHERE window_no = ?').get(windowNo) as WindowRow | undefined;
  }

  private windowState(w: WindowRow): WindowState {
    return { windowNo: w.window_no, clerk: w.clerk, categories: JSON.parse(w.categories) as string[], paused: w.paused === 1, pauseReason: w.pause_reason };
  }

  /** Only the window (or clerk) a transfer named may call its ticket. */
  private targetFilter(w: WindowState): { sql: string; args: unknown[] } {
    return { sql: 'AND (t.target_window_no IS NULL OR t.target_window_no = ?) AND (t.target_clerk IS NULL OR t.target_clerk = ?)', args: [w.windowNo, w.clerk] };
  }

  /**
   * The tickets the next-ticket rule can possibly choose: each lane's head, the longest waiting
   * and every checked-in appointment. Loading the whole queue on every call would cost a hall of
   * a thousand waiting a few milliseconds per call for nothing.
   */
  private candidateRows(w: WindowState, now: number): TicketRow[] {
    const base = this.waitingWhere(w.categories);
    const target = this.targetFilter(w);
    const where = `${base.sql} ${target.sql}`;
    const args = [...base.args, ...target.args];
    const agedBefore = this.config.policy.agingMinutes > 0 ? now - this.config.policy.agingMinutes * 60_000 : -Infinity;
    const pick = (extra: string, order: string, extraArgs: unknown[] = [], limit = 1) =>
      this.sql(`${TICKET_SELECT} WHERE ${where} ${extra} ORDER BY ${order} LIMIT ?`).all(...args, ...extraArgs, limit) as TicketRow[];
    const longest = pick('', `t.issued_at, ${QUEUE_ORDER}`);
    // Nobody has waited long enough to age when even the longest waiting has not.
    const anyAged = longest.length > 0 && longest[0]!.issued_at <= agedBefore;
    // The lane heads walk the lane in queue order (the unary + keeps SQLite from fetching the
    // whole lane by arrival time and sorting it); the head is usually among the first few.
    const rows = [
      ...longest,
      ...pick('AND t.appointment IS NOT NULL', QUEUE_ORDER, [], 200),
      ...pick('AND t.priority_group IS NOT NULL', QUEUE_ORDER),
      ...(anyAged ? pick('AND t.priority_group IS NULL AND +t.issued_at <= ?', QUEUE_ORDER, [agedBefore]) : []),
      ...pick('AND t.priority_group IS NULL AND +t.issued_at > ?', QUEUE_ORDER, [agedBefore]),
    ];
    return [...new Map(rows.map((r) => [r.id, r])).values()];
  }

  private activeAt(windowNo: number): TicketRow | undefined {
    return this.sql(`${TICKET_SELECT} WHERE t.window_no = ? AND t.state IN ('called', 'serving')`).get(windowNo) as TicketRow | undefined;
  }

  windowStatus(at: At): WindowStatus {
    const w = this.signedIn(at);
    const state = this.windowState(w);
    const marks = state.categories.map(() => '?').join(',') || "''";
    const suspended = this.sql(`${TICKET_SELECT} WHERE t.state = 'suspended' AND (t.window_no = ? OR (t.suspend_kind = 'noMaterial' AND t.category_id IN (${marks}))) ORDER BY t.suspended_at`)
      .all(state.windowNo, ...state.categories) as TicketRow[];
    const active = this.activeAt(state.windowNo);
    // Only the window (or clerk) a transfer named sees its ticket; the same rule as targetFilter.
    const sees = (r: TicketRow) => (r.target_window_no === null || r.target_window_no === state.windowNo) && (r.target_clerk === null || r.target_clerk === state.clerk);
    return {
      window: state,
      current: active ? toTicket(active) : null,
      suspended: suspended.map(toTicket),
      waiting: this.categories()
        .filter((c) => state.categories.includes(c.id))
        .map((category) => {
          const lane = this.lane(category.id);
          return {
            category,
            count: lane.open + lane.targeted.filter(sees).length,
            tickets: lane.head.filter(sees).slice(0, WAITING_SHOWN).map((r) => lane.ticket(r)),
          };
        }),
    };
  }

  /** Lanes already read in this reading phase (see readPhase); null outside one. */
  private lanes: Map<string, Lane> | null = null;

  /**
   * A lane as every window sees it: the tickets nobody in particular was named for, counted, and
   * those a transfer named, listed (they are few). Its head holds enough tickets that any window,
   * after dropping the ones named for others, still has its first WAITING_SHOWN.
   */
  private lane(categoryId: string): Lane {
    const cached = this.lanes?.get(categoryId);
    if (cached) return cached;
    const w = this.waitingWhere([categoryId]);
    // Named index: otherwise SQLite reads every waiting ticket of the lane to find the few named ones.
    const named = `SELECT t.id FROM tickets t INDEXED BY tickets_queue_named WHERE ${w.sql} AND (t.target_window_no IS NOT NULL OR t.target_clerk IS NOT NULL)`;
    const targeted = this.sql(`${TICKET_SELECT} WHERE t.id IN (${named})`).all(...w.args) as TicketRow[];
    const open = (this.sql(`SELECT count(*) AS n FROM tickets t WHERE ${w.sql} AND t.target_window_no IS NULL AND t.target_clerk IS NULL`).get(...w.args) as { n: number }).n;
    const head = this.waitingRows([categoryId], WAITING_SHOWN + targeted.length);
    const tickets = new Map<string, Ticket>();
    const ticket = (r: TicketRow) => {
      let t = tickets.get(r.id);
      if (!t) tickets.set(r.id, (t = toTicket(r)));
      return t;
    };
    const lane = { open, targeted, head, ticket };
    this.lanes?.set(categoryId, lane);
    return lane;
  }

  /**
   * Runs reads that change nothing (every window's status after a group commit) sharing each
   * lane between them: a hundred windows answered at once read the queue once, not a hundred times.
   */
  readPhase<T>(fn: () => T): T {
    if (this.lanes) return fn();
    this.lanes = new Map();
    try {
      return fn();
    } finally {
      this.lanes = null;
    }
  }

  board(): Board {
    const windows = this.sql('SELECT * FROM windows WHERE clerk IS NOT NULL ORDER BY window_no').all() as WindowRow[];
    const recent = this.recentCalls(12);
    const cats = this.categories();
    const counts = this.waitingCounts(cats.map((c) => c.id));
    return {
      hallName: this.config.hallName,
      windows: windows.map((w) => {
        const active = this.activeAt(w.window_no);
        const call = active ? (recent.find((c) => c.windowNo === w.window_no && c.label === active.label) ?? null) : null;
        return { windowNo: w.window_no, paused: w.paused === 1, current: call };
      }),
      recent,
      waiting: cats.map((category) => ({ category, count: counts.get(category.id) ?? 0 })),
      categories: cats,
      priorityGroups: this.config.priorityGroups,
    };
  }

  private recentCalls(limit: number) {
    const rows = this.sql(
        `SELECT e.seq, e.at, e.kind, e.window_no, t.label FROM events e JOIN tickets t ON t.id = e.ticket_id
         WHERE e.kind IN ('call', 'recall') ORDER BY e.seq DESC LIMIT ?`,
      )
      .all(limit) as { seq: number; at: number; kind: string; window_no: number; label: string }[];
    return rows.map((r) => ({ seq: r.seq, label: r.label, windowNo: r.window_no, at: r.at, recall: r.kind === 'recall' }));
  }

  stats(): QueueStats {
    const day = this.today();
    const rows = this.sql(`${TICKET_SELECT} WHERE t.day = ? ORDER BY t.issued_at`).all(day) as TicketRow[];
    const windows = this.sql('SELECT * FROM windows ORDER BY window_no').all() as WindowRow[];
    const span = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
    return {
      day,
      tickets: rows.map((r) => ({
        label: r.label,
        state: r.state,
        waitMs: span(r.issued_at, r.called_at),
        walkMs: span(r.called_at, r.started_at),
        serviceMs: r.started_at === null || r.finished_at === null ? null : r.finished_at - r.started_at - r.suspended_ms,
        suspendedMs: r.suspended_ms,
      })),
      windows: windows.map((w) => ({
        windowNo: w.window_no,
        served: w.stats_day === day ? w.served : 0,
        idleWhileWaitingMs: w.stats_day === day ? w.idle_ms : 0,
      })),
    };
  }

  // --- kiosk ------------------------------------------------------------------------------------

  issue(input: HallParsed<'hall.issue'>): Issued {
    return this.idempotent(
      input.requestId,
      'issue',
      () => this.issueTicket(input.categoryId, input.priorityGroup, null),
      (id) => this.issuedFor(id!),
    );
  }

  private issuedFor(ticketId: string): Issued {
    const t = this.ticketRow(ticketId)!;
    return { ticket: toTicket(t), peopleAhead: this.peopleAhead(t), hallName: this.config.hallName };
  }

  private peopleAhead(t: TicketRow): number {
    const w = this.waitingWhere([t.category_id]);
    const ahead = this.sql(`SELECT count(*) AS n FROM tickets t WHERE ${w.sql} AND t.id <> ? AND (t.back_from_suspend > ? OR (t.back_from_suspend = ? AND t.order_key <= ?))`)
      .get(...w.args, t.id, t.back_from_suspend, t.back_from_suspend, t.order_key) as { n: number };
    return ahead.n;
  }

  private issueTicket(categoryId: string, priorityGroup: string | null, appointment: { json: string } | null): Issued & { id: string } {
    const cat = this.category(categoryId);
    if (priorityGroup !== null && !this.config.priorityGroups.includes(priorityGroup)) {
      throw new AppError('INVALID_INPUT', '没有这个优先群体。', { hint: '请重新选择，或取普通号。' });
    }
    const now = this.now();
    const day = this.today();
    const counter = this.sql('SELECT day, last FROM counters WHERE category_id = ?').get(cat.id) as { day: string; last: number } | undefined;
    const keep = this.config.keepOvernight;
    const number = !counter || (counter.day !== day && !keep) ? 1 : counter.last + 1;
    if (number > 9999) throw new AppError('RULE_VIOLATION', `${cat.name}今日号码已发完（9999 号）。`, { hint: '请联系大厅工作人员人工登记。' });
    this.sql('INSERT INTO counters (category_id, day, last) VALUES (?, ?, ?) ON CONFLICT(category_id) DO UPDATE SET day = excluded.day, last = excluded.last')
      .run(cat.id, keep && counter ? counter.day : day, number);
    const id = randomUUID();
    const label = formatLabel(cat.prefix, number);
    // Strictly increasing, so two tickets issued in the same millisecond still have an order.
    const last = (this.sql('SELECT max(order_key) AS k FROM tickets').get() as { k: number | null }).k;
    const orderKey = last === null ? now : Math.max(now, last + 0.001);
    // Kept overnight, the label stays unique under the day the numbering started.
    const ticketDay = keep && counter ? counter.day : day;
    this.sql('INSERT INTO tickets (id, day, category_id, prefix, number, label, state, priority_group, appointment, issued_at, order_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, ticketDay, cat.id, cat.prefix, number, label, 'waiting', priorityGroup, appointment?.json ?? null, now, orderKey);
    this.log('issue', id, null, null, { label, priorityGroup });
    return { id, ...this.issuedFor(id) };
  }

  addAppointment(input: HallParsed<'hall.addAppointment'>): { code: string } {
    this.category(input.categoryId);
    const { categoryId, ...data } = input;
    writeTransaction(this.db, () => {
      this.sql('INSERT INTO appointments (code, id_no, category_id, data, slot_start, slot_end) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO NOTHING')
        .run(input.code.trim().toUpperCase(), input.idNo.trim().toUpperCase(), categoryId, JSON.stringify(data), input.slotStart, input.slotEnd);
    });
    return { code: input.code.trim().toUpperCase() };
  }

  checkIn(input: HallParsed<'hall.checkIn'>): Issued {
    return this.idempotent(input.requestId, 'checkIn', () => {
      const now = this.now();
      const today = this.today();
      const rows = (
        input.code !== undefined
          ? this.sql('SELECT * FROM appointments WHERE code = ?').all(input.code.trim().toUpperCase())
          : this.sql('SELECT * FROM appointments WHERE id_no = ?').all(input.idNo!.trim().toUpperCase())
      ) as { code: string; category_id: string; data: string; slot_start: number; slot_end: number; ticket_id: string | null }[];
      const todays = rows.filter((r) => businessDay(r.slot_start, this.config.timeZone) === today);
      if (todays.length === 0) throw new AppError('NOT_FOUND', '没有找到您今天的预约。', { hint: '请核对预约码，或直接选择业务取号。' });
      const open = todays.filter((r) => r.ticket_id === null).sort((a, b) => a.slot_start - b.slot_start)[0];
      if (!open) throw new AppError('CONFLICT', '这个预约已经签到取号了。', { hint: '请留意叫号屏；如果号票丢失，请找大厅工作人员。' });
      const early = open.slot_start - this.config.checkInEarlyMinutes * 60_000;
      const hm = (ms: number) => new Intl.DateTimeFormat('zh-CN', { timeZone: this.config.timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(ms));
      if (now < early) throw new AppError('RULE_VIOLATION', `预约时段为 ${hm(open.slot_start)}–${hm(open.slot_end)}，还不能签到。`, { hint: `请在 ${hm(early)} 以后再来签到。` });
      if (now > open.slot_end) throw new AppError('RULE_VIOLATION', `预约时段 ${hm(open.slot_start)}–${hm(open.slot_end)} 已过。`, { hint: '请直接选择业务取普通号。' });
      const data = { code: open.code, ...(JSON.parse(open.data) as object), slotStart: open.slot_start, slotEnd: open.slot_end };
      const issued = this.issueTicket(open.category_id, null, { json: JSON.stringify(data) });
      this.sql('UPDATE appointments SET ticket_id = ? WHERE code = ?').run(issued.id, open.code);
      return issued;
    }, (id) => this.issuedFor(id!));
  }

  // --- windows ----------------------------------------------------------------------------------

  signIn(input: HallParsed<'hall.signIn'>): WindowStatus {
    writeTransaction(this.db, () => {
      for (const c of input.categories) this.category(c);
      const w = this.windowRow(input.windowNo);
      if (w && w.clerk !== null && w.clerk !== input.clerk && !input.force) {
        throw new AppError('CONFLICT', `${input.windowNo} 号窗口已由${w.clerk || '其他人员'}登录。`, { hint: '同一窗口只能有一名受理人员；请核对窗口号，或由对方退出后再登录。', rule: 'queue.oneClerkPerWindow' });
      }
      if (input.clerk !== '') {
        const elsewhere = this.sql('SELECT window_no FROM windows WHERE clerk = ? AND window_no <> ?').get(input.clerk, input.windowNo) as { window_no: number } | undefined;
        if (elsewhere && !input.force) {
          throw new AppError('CONFLICT', `${input.clerk}已在 ${elsewhere.window_no} 号窗口登录。`, { hint: '一名受理人员只能登录一个窗口；请先在原窗口退出。', rule: 'queue.oneClerkPerWindow' });
        }
        if (elsewhere) this.sql('UPDATE windows SET clerk = NULL WHERE window_no = ?').run(elsewhere.window_no);
      }
      this.sql(
          `INSERT INTO windows (window_no, clerk, categories, ratio, free_since, stats_day) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(window_no) DO UPDATE SET clerk = excluded.clerk, categories = excluded.categories`,
        )
        .run(input.windowNo, input.clerk, JSON.stringify(input.categories), JSON.stringify(initialRatio(this.config.policy)), this.now(), this.today());
      this.log('signIn', null, input.windowNo, input.clerk, { categories: input.categories });
    });
    this.notify();
    return this.windowStatus(input);
  }

  private signedIn(at: At): WindowRow {
    const w = this.windowRow(at.windowNo);
    if (!w || w.clerk === null) throw new AppError('FORBIDDEN', `${at.windowNo} 号窗口尚未登录叫号服务。`, { hint: '请稍候，客户端连上叫号服务后会自动登录。' });
    if (w.clerk !== at.clerk) throw new AppError('FORBIDDEN', `${at.windowNo} 号窗口已由${w.clerk || '其他人员'}登录。`, { hint: '同一窗口只能有一名受理人员。', rule: 'queue.oneClerkPerWindow' });
    return w;
  }

  callNext(input: HallParsed<'hall.callNext'>): WindowStatus {
    return this.windowOp(input, 'callNext', () => {
      const w = this.signedIn(input);
      if (w.paused === 1) throw new AppError('RULE_VIOLATION', '本窗口已暂停服务。', { hint: '请先点“恢复服务”，再叫号。' });
      const active = this.activeAt(w.window_no);
      if (active) {
        throw new AppError('RULE_VIOLATION', `当前号 ${active.label} 尚未处理完。`, { hint: '请先办结、过号或转移当前号，再叫下一位。', rule: 'queue.oneTicketPerWindow' });
      }
      const state = this.windowState(w);
      const now = this.now();
      const rows = this.candidateRows(state, now);
      const candidates: Candidate[] = rows.map((r) => {
        const appt = r.appointment === null ? null : (JSON.parse(r.appointment) as { slotStart: number; slotEnd: number });
        return {
          id: r.id,
          label: r.label,
          issuedAt: r.issued_at,
          orderKey: r.order_key,
          priorityGroup: r.priority_group,
          appointmentStart: appt?.slotStart ?? null,
          appointmentEnd: appt?.slotEnd ?? null,
          returning: r.back_from_suspend === 1,
        };
      });
      const choice = chooseNext(candidates, now, this.config.policy, JSON.parse(w.ratio) as RatioState);
      if (!choice) throw new AppError('NOT_FOUND', '当前没有等候的群众。', { hint: '有人取号后再叫号；现场来办的群众可直接受理。', rule: 'queue.empty' });
      const t = rows.find((r) => r.id === choice.ticket.id)!;
      this.move(t, 'call', input, {
        window_no: w.window_no,
        clerk: input.clerk,
        called_at: now,
        call_reason: choice.reason,
        recalls: 0,
        back_from_suspend: 0,
      });
      // Idle while people wait: from when the window became free (or the oldest waiter arrived) to now.
      const day = this.today();
      const oldest = Math.min(...rows.map((r) => r.issued_at));
      const idle = w.free_since === null ? 0 : Math.max(0, now - Math.max(w.free_since, oldest));
      const fresh = w.stats_day !== day;
      this.sql('UPDATE windows SET ratio = ?, free_since = NULL, stats_day = ?, idle_ms = ?, served = ? WHERE window_no = ?')
        .run(JSON.stringify(choice.ratio), day, (fresh ? 0 : w.idle_ms) + idle, fresh ? 0 : w.served, w.window_no);
      this.pendingCall = { id: t.id, recall: false };
    });
  }

  recall(input: HallParsed<'hall.recall'>): WindowStatus {
    return this.windowOp(input, 'recall', () => {
      const t = this.current(input, 'recall');
      if (t.recalls + 1 > this.config.recallLimit) {
        this.move(t, 'noShow', input, { finished_at: this.now() }, { auto: true, recalls: t.recalls });
        this.freeWindow(input.windowNo);
        return;
      }
      this.move(t, 'recall', input, { recalls: t.recalls + 1 });
      this.pendingCall = { id: t.id, recall: true };
    });
  }

  noShow(input: HallParsed<'hall.noShow'>): WindowStatus {
    return this.windowOp(input, 'noShow', () => {
      const t = this.current(input, 'noShow');
      this.move(t, 'noShow', input, { finished_at: this.now() });
      if (input.requeue) {
        // 过号顺延: back into the queue a few places behind the head rather than to its end.
        const behind = this.waitingRows([t.category_id], this.config.requeueBack + 2).filter((o) => o.id !== t.id);
        const k = this.config.requeueBack;
        const key = behind.length === 0 ? this.now() : behind.length <= k ? behind.at(-1)!.order_key + 1 : (behind[k - 1]!.order_key + behind[k]!.order_key) / 2;
        this.move({ ...t, state: 'noShow' }, 'requeue', input, { order_key: key, window_no: null, clerk: null, called_at: null, finished_at: null, call_reason: null }, { placesBack: k });
      }
      this.freeWindow(input.windowNo);
    });
  }

  start(input: HallParsed<'hall.start'>): WindowStatus {
    return this.windowOp(input, 'start', () => {
      const t = this.current(input, 'start');
      this.move(t, 'start', input, { started_at: this.now() });
    });
  }

  finish(input: HallParsed<'hall.finish'>): WindowStatus {
    return this.windowOp(input, 'finish', () => {
      const t = this.current(input, 'finish');
      this.move(t, 'finish', input, { finished_at: this.now(), case_nos: JSON.stringify(input.caseNos) }, { caseNos: input.caseNos });
      this.sql('UPDATE windows SET served = served + 1 WHERE window_no = ?').run(input.windowNo);
      this.freeWindow(input.windowNo);
    });
  }

  transfer(input: HallParsed<'hall.transfer'>): WindowStatus {
    return this.windowOp(input, 'transfer', () => {
      if (input.toCategoryId === undefined && input.toWindowNo === undefined && input.toClerk === undefined) {
        throw new AppError('INVALID_INPUT', '请选择转移到的业务类别、窗口或人员。');
      }
      const t = this.current(input, 'transfer');
      const category = input.toCategoryId === undefined ? t.category_id : this.category(input.toCategoryId).id;
      this.move(t, 'transfer', input, { finished_at: this.now() }, { toCategoryId: category, toWindowNo: input.toWindowNo ?? null, toClerk: input.toClerk ?? null });
      // The child keeps the number and its place by arrival; only the target may call it.
      const child = randomUUID();
      this.sql(
          `INSERT INTO tickets (id, day, category_id, prefix, number, label, state, priority_group, appointment, issued_at, order_key, parent_id, target_window_no, target_clerk)
           VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(child, t.day, category, t.prefix, t.number, t.label, t.priority_group, t.appointment, t.issued_at, t.order_key, t.id, input.toWindowNo ?? null, input.toClerk ?? null);
      this.log('issue', child, input.windowNo, input.clerk, { label: t.label, parentId: t.id });
      this.freeWindow(input.windowNo);
    });
  }

  suspend(input: HallParsed<'hall.suspend'>): WindowStatus {
    return this.windowOp(input, 'suspend', () => {
      const t = this.current(input, 'suspend');
      this.move(t, 'suspend', input, { suspend_kind: input.kind, suspended_at: this.now() }, { kind: input.kind });
      this.freeWindow(input.windowNo);
    });
  }

  resume(input: HallParsed<'hall.resume'>): WindowStatus {
    return this.windowOp(input, 'resume', () => {
      const w = this.signedIn(input);
      const t = this.ticketRow(input.ticketId);
      if (!t || t.state !== 'suspended') throw new AppError('NOT_FOUND', '这个号不在挂起状态。', { hint: '请刷新叫号列表。' });
      const categories = JSON.parse(w.categories) as string[];
      const mine = t.suspend_kind === 'noMaterial' ? categories.includes(t.category_id) : t.window_no === w.window_no;
      if (!mine) throw new AppError('FORBIDDEN', `${t.label} 挂起在 ${t.window_no} 号窗口，只能由该窗口恢复。`, { hint: '请让群众回到原窗口。' });
      const now = this.now();
      const suspendedMs = t.suspended_ms + (now - (t.suspended_at ?? now));
      if (t.suspend_kind === 'noMaterial') {
        this.move(t, 'resume', input, { suspended_ms: suspendedMs, suspended_at: null, back_from_suspend: 1, window_no: null, clerk: null, called_at: null, started_at: null, target_window_no: null, target_clerk: null }, { kind: t.suspend_kind });
        return;
      }
      const active = this.activeAt(w.window_no);
      if (active) throw new AppError('RULE_VIOLATION', `当前号 ${active.label} 尚未处理完。`, { hint: '请先办结或挂起当前号，再恢复。', rule: 'queue.oneTicketPerWindow' });
      this.move(t, 'resume', input, { suspended_ms: suspendedMs, suspended_at: null, suspend_kind: null }, { kind: t.suspend_kind });
    });
  }

  cancel(input: HallParsed<'hall.cancel'>): WindowStatus {
    return this.windowOp(input, 'cancel', () => {
      this.signedIn(input);
      const t = this.ticketRow(input.ticketId);
      if (!t) throw new AppError('NOT_FOUND', '没有这个号。', { hint: '请刷新叫号列表。' });
      this.move(t, 'cancel', input, { finished_at: this.now() });
      if (t.window_no !== null) this.freeWindow(t.window_no);
    });
  }

  pause(input: HallParsed<'hall.pause'>): WindowStatus {
    return this.windowOp(input, 'pause', () => {
      this.signedIn(input);
      this.sql('UPDATE windows SET paused = 1, pause_reason = ? WHERE window_no = ?').run(input.reason, input.windowNo);
      this.log('pause', null, input.windowNo, input.clerk, { reason: input.reason });
    });
  }

  unpause(input: HallParsed<'hall.unpause'>): WindowStatus {
    return this.windowOp(input, 'unpause', () => {
      this.signedIn(input);
      this.sql('UPDATE windows SET paused = 0, pause_reason = NULL, free_since = ? WHERE window_no = ?').run(this.now(), input.windowNo);
      this.log('unpause', null, input.windowNo, input.clerk, {});
    });
  }

  // --- machinery --------------------------------------------------------------------------------

  private pendingCall: { id: string; recall: boolean } | null = null;

  private current(at: At, action: TicketAction): TicketRow {
    this.signedIn(at);
    const t = this.activeAt(at.windowNo);
    if (!t) throw new AppError('RULE_VIOLATION', '本窗口当前没有正在呼叫或办理的号。', { hint: '请先叫号。', rule: `queue.${action}` });
    return t;
  }

  private freeWindow(windowNo: number): void {
    this.sql('UPDATE windows SET free_since = ? WHERE window_no = ?').run(this.now(), windowNo);
  }

  /** Applies one state-machine transition to a ticket row and logs it. */
  private move(t: TicketRow, action: TicketAction, at: At, set: Record<string, string | number | null>, detail: object = {}): void {
    const result = transition(t.state, action, { suspendKind: t.suspend_kind });
    if (!result.ok) throw new AppError('RULE_VIOLATION', `${t.label}：${result.message}`, { hint: '请刷新叫号列表后再操作。', rule: `queue.${action}` });
    const cols = Object.keys(set);
    const sql = `UPDATE tickets SET state = ?${cols.map((c) => `, ${c} = ?`).join('')} WHERE id = ? AND state = ?`;
    let changed: number;
    try {
      changed = this.sql(sql).run(result.to, ...cols.map((c) => set[c]!), t.id, t.state).changes;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw ticketLocked(t.label);
      throw error;
    }
    if (changed !== 1) throw ticketLocked(t.label);
    this.log(action, t.id, at.windowNo, at.clerk, { from: t.state, to: result.to, ...detail });
  }

  private log(kind: string, ticketId: string | null, windowNo: number | null, clerk: string | null, detail: object): void {
    this.sql('INSERT INTO events (at, kind, ticket_id, window_no, clerk, detail) VALUES (?, ?, ?, ?, ?, ?)').run(this.now(), kind, ticketId, windowNo, clerk, JSON.stringify(detail));
  }

  private lastSeq(): number {
    return (this.sql('SELECT coalesce(max(seq), 0) AS s FROM events').get() as { s: number }).s;
  }

  /**
   * Runs a mutation once per request id. A replay returns the stored answer (issue) or the
   * window's current status: the effect itself is never applied twice.
   */
  private idempotent<T>(requestId: string, op: string, run: () => T & { id?: string }, replay: (storedId: string | null) => T): T {
    let fresh = false;
    const result = writeTransaction(this.db, () => {
      const seen = this.sql('SELECT op, result FROM requests WHERE request_id = ?').get(requestId) as { op: string; result: string } | undefined;
      if (seen) {
        if (seen.op !== op) throw new AppError('CONFLICT', '请求编号重复。', { hint: '请重试一次。' });
        return replay(JSON.parse(seen.result) as string | null);
      }
      this.rollover();
      const value = run();
      this.sql('INSERT INTO requests (request_id, op, result, at) VALUES (?, ?, ?, ?)').run(requestId, op, JSON.stringify(value.id ?? null), this.now());
      fresh = true;
      return value;
    });
    if (fresh) this.notify();
    if (typeof result === 'object' && result !== null && 'id' in result) {
      const { id: _id, ...rest } = result as T & { id: string };
      return rest as T;
    }
    return result;
  }

  /** At the first change of a new business day, yesterday's unserved tickets leave the queue (unless kept overnight). */
  private rollover(): void {
    if (this.config.keepOvernight) return;
    const today = this.today();
    // Named index: left to itself SQLite walks every waiting ticket by state, on every change.
    const stale = this.sql("SELECT id FROM tickets INDEXED BY tickets_waiting_day WHERE state = 'waiting' AND day < ?").all(today) as { id: string }[];
    for (const { id } of stale) this.move(this.ticketRow(id)!, 'cancel', { windowNo: 0, clerk: '' }, { finished_at: this.now() }, { reason: 'dayEnd' });
  }

  private windowOp(input: At & { requestId: string }, op: string, fn: () => void): WindowStatus {
    this.pendingCall = null;
    try {
      this.idempotent(
        input.requestId,
        `${op}@${input.windowNo}`,
        () => {
          fn();
          return {};
        },
        () => ({}),
      );
    } finally {
      // A call is announced only after its transaction committed.
      const called = this.pendingCall as { id: string; recall: boolean } | null;
      this.pendingCall = null;
      if (called) {
        const ticket = this.ticket(called.id);
        if (ticket && ticket.state === 'called') this.emit({ event: 'called', seq: this.lastSeq(), ticket, recall: called.recall });
      }
    }
    // Under effectOnly the caller reads the status itself, after the batch's last change.
    return this.statusLater ? (undefined as unknown as WindowStatus) : this.windowStatus(input);
  }

  /** Set while effectOnly runs. */
  private statusLater = false;

  /**
   * Runs a window operation for its effect alone, leaving its answer (the window's status) to be
   * read afterwards: a group commit reads every window's status once all its changes are made,
   * in one readPhase, instead of reading the queue again after each.
   */
  effectOnly(fn: () => unknown): void {
    this.statusLater = true;
    try {
      fn();
    } finally {
      this.statusLater = false;
    }
  }

  private notify(): void {
    this.emit({ event: 'changed', seq: this.lastSeq() });
  }

  private buffered: HallNotice[] | null = null;

  /**
   * Group commit: runs several operations in one transaction (each its own savepoint, so one
   * refusal does not undo the others) and one fsync. Notices go out only after the commit.
   */
  batch<T>(fn: () => T): T {
    if (this.buffered) return fn();
    this.buffered = [];
    let notices: HallNotice[] = [];
    try {
      const value = writeTransaction(this.db, fn);
      notices = this.buffered;
      return value;
    } finally {
      this.buffered = null;
      // Only the last "changed" matters to listeners; every call is announced.
      const lastChanged = notices.filter((n) => n.event === 'changed').at(-1);
      for (const n of notices) if (n.event === 'called' || n === lastChanged) this.emit(n);
    }
  }

  private emit(n: HallNotice): void {
    if (this.buffered) {
      this.buffered.push(n);
      return;
    }
    for (const fn of this.listeners) {
      try {
        fn(n);
      } catch {
        // One broken socket must not silence the others.
      }
    }
  }
}
