import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { makeTempDir } from '../../../test/support/tmp';
import { chooseNext, type RatioState } from '../../../shared/domain/queue/next-ticket';
import type { DB } from '../db/connection';
import type { HallNotice, HallQueue } from './hall-queue';
import { dispatchHallBatch } from './hall-dispatch';
import { openHallQueue } from './hall-store';

// 09:00 in Shanghai on a Monday.
const NINE = Date.parse('2026-03-02T01:00:00Z');
const MIN = 60_000;

let tmp: ReturnType<typeof makeTempDir>;
let clock: number;
let db: DB;
let q: HallQueue;
let rid = 0;
const r = () => `req-${String(++rid).padStart(6, '0')}`;
const w = (windowNo: number, clerk = `clerk${windowNo}`) => ({ windowNo, clerk });

function open() {
  const opened = openHallQueue(tmp.dir, () => clock);
  db = opened.db;
  q = opened.queue;
}

beforeEach(() => {
  tmp = makeTempDir('zhck-hall-');
  clock = NINE;
  open();
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const issue = (categoryId = 'general', priorityGroup: string | null = null) => q.issue({ requestId: r(), categoryId, priorityGroup });
const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('hall queue service on a real queue.sqlite', () => {
  it('numbers per category, says how many are ahead, and a retried issue gives the same ticket', () => {
    const a1 = issue();
    const a2 = issue();
    const b1 = issue('business');
    expect([a1.ticket.label, a2.ticket.label, b1.ticket.label]).toEqual(['A001', 'A002', 'B001']);
    expect(a2.peopleAhead).toBe(1);
    expect(b1.peopleAhead).toBe(0);
    const again = q.issue({ requestId: 'same-request', categoryId: 'general', priorityGroup: null });
    const replay = q.issue({ requestId: 'same-request', categoryId: 'general', priorityGroup: null });
    expect(replay.ticket.id).toBe(again.ticket.id);
    expect(issue().ticket.label).toBe('A004');
  });

  it('walks a ticket through call, recall, start, suspend, resume, finish with case numbers and statistics', () => {
    q.signIn({ ...w(3), categories: ['general'], force: false });
    issue();
    const seen: HallNotice[] = [];
    q.subscribe((n) => seen.push(n));
    clock += 4 * MIN;
    let s = q.callNext({ ...w(3), requestId: r() });
    expect(s.current).toMatchObject({ label: 'A001', state: 'called', windowNo: 3, callReason: '按取号先后' });
    expect(seen.filter((n) => n.event === 'called')).toHaveLength(1);
    q.recall({ ...w(3), requestId: r() });
    const recalls = seen.filter((n) => n.event === 'called' && n.recall);
    expect(recalls).toHaveLength(1);
    clock += MIN;
    q.start({ ...w(3), requestId: r() });
    clock += 2 * MIN;
    s = q.suspend({ ...w(3), requestId: r(), kind: 'withMaterial' });
    expect(s.current).toBeNull();
    expect(s.suspended[0]).toMatchObject({ label: 'A001', suspendKind: 'withMaterial' });
    clock += 10 * MIN;
    s = q.resume({ ...w(3), requestId: r(), ticketId: s.suspended[0]!.id });
    expect(s.current?.state).toBe('serving');
    clock += 3 * MIN;
    s = q.finish({ ...w(3), requestId: r(), caseNos: ['330102-2026-000123'] });
    expect(s.current).toBeNull();
    const done = db.prepare("SELECT case_nos, state FROM tickets WHERE label = 'A001'").get() as { case_nos: string; state: string };
    expect(done).toEqual({ case_nos: '["330102-2026-000123"]', state: 'done' });
    const stats = q.stats();
    expect(stats.tickets[0]).toEqual({ label: 'A001', state: 'done', waitMs: 4 * MIN, walkMs: MIN, serviceMs: 5 * MIN, suspendedMs: 10 * MIN });
    expect(stats.windows).toEqual([{ windowNo: 3, served: 1, idleWhileWaitingMs: 4 * MIN }]);
    // Every transition is in the append-only log, which refuses edits.
    const kinds = (db.prepare('SELECT kind FROM events ORDER BY seq').all() as { kind: string }[]).map((e) => e.kind);
    expect(kinds).toEqual(['signIn', 'issue', 'call', 'recall', 'start', 'suspend', 'resume', 'finish']);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE events SET kind = 'x'").run()).toThrow(/append-only/);
  });

  it('refuses illegal moves with Chinese messages and one ticket per window', () => {
    q.signIn({ ...w(1), categories: ['general'], force: false });
    expect(refusal(() => q.start({ ...w(1), requestId: r() })).message).toBe('本窗口当前没有正在呼叫或办理的号。');
    expect(refusal(() => q.callNext({ ...w(1), requestId: r() })).message).toBe('当前没有等候的群众。');
    issue();
    issue();
    q.callNext({ ...w(1), requestId: r() });
    expect(refusal(() => q.finish({ ...w(1), requestId: r(), caseNos: [] })).message).toBe('A001：号票当前为“已呼叫”，不能办结。');
    expect(refusal(() => q.callNext({ ...w(1), requestId: r() })).message).toBe('当前号 A001 尚未处理完。');
    expect(refusal(() => q.callNext({ ...w(2), requestId: r() })).code).toBe('FORBIDDEN');
    // One clerk per window, one window per clerk.
    expect(refusal(() => q.signIn({ windowNo: 1, clerk: '李四', categories: ['general'], force: false })).message).toBe('1 号窗口已由clerk1登录。');
    expect(refusal(() => q.signIn({ windowNo: 5, clerk: 'clerk1', categories: ['general'], force: false })).message).toBe('clerk1已在 1 号窗口登录。');
  });

  it('auto no-show after N recalls; 过号顺延 puts the ticket K places back', () => {
    q.configure({ recallLimit: 2, requeueBack: 2 });
    q.signIn({ ...w(1), categories: ['general'], force: false });
    for (let i = 0; i < 5; i++) issue();
    q.callNext({ ...w(1), requestId: r() });
    q.recall({ ...w(1), requestId: r() });
    q.recall({ ...w(1), requestId: r() });
    let s = q.recall({ ...w(1), requestId: r() });
    expect(s.current).toBeNull();
    expect(db.prepare("SELECT state FROM tickets WHERE label = 'A001'").get()).toEqual({ state: 'noShow' });
    q.callNext({ ...w(1), requestId: r() });
    s = q.noShow({ ...w(1), requestId: r(), requeue: true });
    expect(s.waiting[0]!.tickets.map((t) => t.label)).toEqual(['A003', 'A004', 'A002', 'A005']);
  });

  it('transfers keep the number; only the target window calls it; 不持件挂起 returns to any window first', () => {
    q.signIn({ ...w(1), categories: ['general', 'business'], force: false });
    q.signIn({ ...w(2), categories: ['general', 'business'], force: false });
    issue();
    issue('business');
    q.callNext({ ...w(1), requestId: r() });
    q.start({ ...w(1), requestId: r() });
    q.transfer({ ...w(1), requestId: r(), toCategoryId: 'business', toWindowNo: 2 });
    const s1 = q.windowStatus(w(1));
    expect(s1.waiting.find((g) => g.category.id === 'business')!.tickets.map((t) => t.label)).toEqual(['B001']);
    const s2 = q.callNext({ ...w(2), requestId: r() });
    expect(s2.current).toMatchObject({ label: 'A001', categoryId: 'business', targetWindowNo: 2 });
    expect(s2.current!.parentId).not.toBeNull();
    q.start({ ...w(2), requestId: r() });
    const sus = q.suspend({ ...w(2), requestId: r(), kind: 'noMaterial' });
    // Window 1 serves the same category and may take the citizen back.
    const s1b = q.resume({ ...w(1), requestId: r(), ticketId: sus.suspended[0]!.id });
    expect(s1b.current).toBeNull();
    issue('business');
    const next = q.callNext({ ...w(1), requestId: r() });
    expect(next.current).toMatchObject({ label: 'A001', callReason: '补齐材料后返回，优先接续办理' });
  });

  it('a group commit answers each window with the status the batch left, the same as reading that window alone (named tickets included)', () => {
    for (const n of [1, 2, 3, 4]) q.signIn({ ...w(n), categories: ['general'], force: false });
    for (let i = 0; i < 40; i++) issue();
    // Three tickets at the head of the lane named by transfers: two for window 2, one for clerk3.
    for (const to of [{ toWindowNo: 2 }, { toWindowNo: 2 }, { toClerk: 'clerk3' }]) {
      q.callNext({ ...w(1), requestId: r() });
      q.transfer({ ...w(1), requestId: r(), ...to });
    }
    const items = [
      { op: 'hall.callNext', input: { ...w(4), requestId: r() } },
      { op: 'hall.window', input: w(1) },
      { op: 'hall.callNext', input: { ...w(2), requestId: r() } },
      { op: 'hall.finish', input: { ...w(9), requestId: r(), caseNos: [] } },
      { op: 'hall.callNext', input: { ...w(3), requestId: r() } },
      { op: 'hall.pause', input: { ...w(1), requestId: r(), reason: '用餐' } },
    ];
    const answers = q.batch(() => dispatchHallBatch(q, items));
    expect(answers[3]).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const value = (i: number) => {
      const a = answers[i]!;
      if (!a.ok) throw new Error(`answer ${i}: ${a.error.message}`);
      return a.value as ReturnType<HallQueue['windowStatus']>;
    };
    for (const i of [0, 2, 4, 5]) expect(value(i)).toEqual(q.windowStatus(items[i]!.input as { windowNo: number; clerk: string }));
    expect(value(0).current!.label).toBe('A004');
    expect(value(2).current).toMatchObject({ label: 'A001', targetWindowNo: 2 });
    expect(value(4).current).toMatchObject({ label: 'A003', targetClerk: 'clerk3' });
    expect(value(5).window.paused).toBe(true);
    // Window 2 still sees its other named ticket first; window 1 sees none of them.
    const lists = (s: ReturnType<HallQueue['windowStatus']>) => s.waiting[0]!;
    expect(lists(q.windowStatus(w(2))).tickets[0]).toMatchObject({ label: 'A002', targetWindowNo: 2 });
    expect(lists(value(5)).tickets.every((t) => t.targetWindowNo === null && t.targetClerk === null)).toBe(true);
    expect(lists(value(5)).tickets).toHaveLength(30);
    expect(lists(value(5)).count).toBe(36);
    expect(lists(q.windowStatus(w(2))).count).toBe(37);
  });

  it('pauses a window with a reason and refuses calls until resumed', () => {
    q.signIn({ ...w(1), categories: ['general'], force: false });
    issue();
    const s = q.pause({ ...w(1), requestId: r(), reason: '用餐' });
    expect(s.window).toMatchObject({ paused: true, pauseReason: '用餐' });
    expect(refusal(() => q.callNext({ ...w(1), requestId: r() })).message).toBe('本窗口已暂停服务。');
    q.unpause({ ...w(1), requestId: r() });
    expect(q.callNext({ ...w(1), requestId: r() }).current?.label).toBe('A001');
    expect(q.board().windows).toEqual([{ windowNo: 1, paused: false, current: expect.objectContaining({ label: 'A001', windowNo: 1 }) }]);
  });

  it('a retried call with the same request id calls once', () => {
    q.signIn({ ...w(1), categories: ['general'], force: false });
    issue();
    issue();
    const first = q.callNext({ ...w(1), requestId: 'retry-me-1' });
    const again = q.callNext({ ...w(1), requestId: 'retry-me-1' });
    expect(again.current?.id).toBe(first.current?.id);
    expect((db.prepare("SELECT count(*) AS n FROM events WHERE kind = 'call'").get() as { n: number }).n).toBe(1);
  });

  it('checks in an appointment within its window and carries the applicant to the clerk', () => {
    q.signIn({ ...w(1), categories: ['general'], force: false });
    q.addAppointment({ code: 'YY0001', name: '张三', idNo: '110101199003071234', phone: '13800000000', itemCode: 'X1', itemName: '个体工商户设立登记', slotStart: NINE + 60 * MIN, slotEnd: NINE + 90 * MIN, categoryId: 'general' });
    expect(refusal(() => q.checkIn({ requestId: r(), code: 'YY0001' })).message).toBe('预约时段为 10:00–10:30，还不能签到。');
    expect(refusal(() => q.checkIn({ requestId: r(), code: 'NOPE' })).message).toBe('没有找到您今天的预约。');
    clock = NINE + 40 * MIN;
    issue();
    const got = q.checkIn({ requestId: r(), idNo: '110101199003071234' });
    expect(got.ticket.appointment).toMatchObject({ code: 'YY0001', name: '张三', itemName: '个体工商户设立登记' });
    expect(refusal(() => q.checkIn({ requestId: r(), code: 'YY0001' })).code).toBe('CONFLICT');
    clock = NINE + 61 * MIN;
    expect(q.callNext({ ...w(1), requestId: r() }).current).toMatchObject({ label: 'A002', callReason: '预约号，已在预约时段内签到' });
  });

  it('survives a restart mid-day: numbering, the called ticket and the ratio carry on', () => {
    q.signIn({ ...w(1), categories: ['general'], force: false });
    issue();
    issue();
    q.callNext({ ...w(1), requestId: 'before-restart' });
    db.close();
    open();
    expect(q.windowStatus(w(1)).current?.label).toBe('A001');
    expect(q.callNext({ ...w(1), requestId: 'before-restart' }).current?.label).toBe('A001');
    expect(issue().ticket.label).toBe('A003');
  });

  it('resets numbering at hall-local midnight and drops yesterday’s queue, unless kept overnight', () => {
    q.signIn({ ...w(1), categories: ['general'], force: false });
    clock = Date.parse('2026-03-02T15:58:00Z'); // 23:58 in Shanghai
    issue();
    expect(issue().ticket.label).toBe('A002');
    clock = Date.parse('2026-03-02T16:00:01Z'); // 00:00:01 the next day there
    expect(q.windowStatus(w(1)).waiting[0]!.count).toBe(0);
    expect(issue().ticket).toMatchObject({ label: 'A001', day: '2026-03-03' });

    q.configure({ keepOvernight: true });
    clock = Date.parse('2026-03-03T16:00:01Z');
    expect(issue().ticket.label).toBe('A002');
    expect(q.windowStatus(w(1)).waiting[0]!.count).toBe(2);
  });
});

describe('the service picks what the rule would pick from the whole queue', () => {
  it('over a mixed morning (priority groups, aging, cap, appointments, 过号顺延, three windows)', () => {
    q.configure({ policy: { ratioNormal: 2, ratioPriority: 1, agingMinutes: 25, maxWaitMinutes: 50 } });
    const windows = [
      { ...w(1), categories: ['general'] },
      { ...w(2), categories: ['general', 'business'] },
      { ...w(3), categories: ['business', 'consult'] },
    ];
    for (const x of windows) q.signIn({ ...x, force: false });
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const cats = ['general', 'business', 'consult'];
    let compared = 0;
    for (let step = 0; step < 160; step++) {
      clock += Math.floor(rand() * 90_000);
      if (rand() < 0.55) {
        const group = rand() < 0.25 ? '军人' : null;
        if (rand() < 0.1) {
          const code = `YY${step}`;
          q.addAppointment({ code, name: '预约人', idNo: `11010119900307${String(1000 + step)}`, phone: '', itemCode: 'X', itemName: '事项', slotStart: clock + 5 * MIN, slotEnd: clock + 35 * MIN, categoryId: cats[step % 3]! });
          q.checkIn({ requestId: r(), code });
        } else issue(cats[Math.floor(rand() * 3)]!, group);
        continue;
      }
      const win = windows[Math.floor(rand() * 3)]!;
      const status = q.windowStatus(win);
      if (status.current) {
        if (status.current.state === 'called' && rand() < 0.2) q.noShow({ ...win, requestId: r(), requeue: rand() < 0.5 });
        else {
          if (status.current.state === 'called') q.start({ ...win, requestId: r() });
          q.finish({ ...win, requestId: r(), caseNos: [] });
        }
        continue;
      }
      // The rule on the full queue, computed here from the rows directly.
      const marks = win.categories.map(() => '?').join(',');
      const all = db
        .prepare(`SELECT * FROM tickets WHERE state = 'waiting' AND category_id IN (${marks}) AND (target_window_no IS NULL OR target_window_no = ?)`)
        .all(...win.categories, win.windowNo) as { id: string; label: string; issued_at: number; order_key: number; priority_group: string | null; appointment: string | null; back_from_suspend: number }[];
      const ratio = JSON.parse((db.prepare('SELECT ratio FROM windows WHERE window_no = ?').get(win.windowNo) as { ratio: string }).ratio) as RatioState;
      const expected = chooseNext(
        all.map((t) => {
          const a = t.appointment ? (JSON.parse(t.appointment) as { slotStart: number; slotEnd: number }) : null;
          return { id: t.id, label: t.label, issuedAt: t.issued_at, orderKey: t.order_key, priorityGroup: t.priority_group, appointmentStart: a?.slotStart ?? null, appointmentEnd: a?.slotEnd ?? null, returning: t.back_from_suspend === 1 };
        }),
        clock,
        q.hallConfig.policy,
        ratio,
      );
      if (!expected) {
        expect(refusal(() => q.callNext({ ...win, requestId: r() })).rule).toBe('queue.empty');
        continue;
      }
      const got = q.callNext({ ...win, requestId: r() }).current!;
      expect(got.id).toBe(expected.ticket.id);
      expect(got.callReason).toBe(expected.reason);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });
});
