/**
 * The next-ticket rule (为什么是这一号): a hard maximum-wait cap first, then appointments due,
 * then an N normal : M priority ratio, with aging that promotes a long-waiting normal ticket into
 * the priority lane. Within a lane: order key ascending (arrival, or the place a 过号顺延 was put back).
 */
export interface Candidate {
  id: string;
  label: string;
  /** Arrival time, ms since epoch. */
  issuedAt: number;
  /** Position in the queue; arrival by default, moved by 过号顺延 or a 不持件挂起 return. */
  orderKey: number;
  /** 老年人/残疾人/军人/孕妇 … or null for a normal ticket. */
  priorityGroup: string | null;
  /** Checked-in appointment slot, ms since epoch. */
  appointmentStart: number | null;
  appointmentEnd: number | null;
  /** Back from 不持件挂起: served before anyone else of its lane. */
  returning: boolean;
}

export interface Policy {
  ratioNormal: number;
  ratioPriority: number;
  /** Minutes after which a normal ticket is treated as a priority one (aging); 0 = off. */
  agingMinutes: number;
  /** Nobody waits longer than this (minutes) without being called next; 0 = off. */
  maxWaitMinutes: number;
}

export const defaultPolicy: Policy = { ratioNormal: 2, ratioPriority: 1, agingMinutes: 30, maxWaitMinutes: 60 };

/** Per-window memory of the ratio: normal calls since the last priority run, priority calls in the current run. */
export interface RatioState {
  normalSincePriority: number;
  priorityRun: number;
}
export const initialRatio = (p: Policy): RatioState => ({ normalSincePriority: p.ratioNormal, priorityRun: 0 });

export interface Choice {
  ticket: Candidate;
  reason: string;
  lane: 'cap' | 'appointment' | 'priority' | 'normal';
  ratio: RatioState;
}

const MIN = 60_000;
const byOrder = (a: Candidate, b: Candidate) => Number(b.returning) - Number(a.returning) || a.orderKey - b.orderKey || a.issuedAt - b.issuedAt || (a.id < b.id ? -1 : 1);
const minutes = (ms: number) => Math.floor(ms / MIN);

export function chooseNext(candidates: readonly Candidate[], now: number, policy: Policy, ratio: RatioState): Choice | null {
  if (candidates.length === 0) return null;

  if (policy.maxWaitMinutes > 0) {
    const over = candidates.filter((c) => now - c.issuedAt >= policy.maxWaitMinutes * MIN);
    if (over.length > 0) {
      const t = [...over].sort((a, b) => a.issuedAt - b.issuedAt || byOrder(a, b))[0]!;
      return { ticket: t, lane: 'cap', ratio, reason: `已等候 ${minutes(now - t.issuedAt)} 分钟，超过最长等候 ${policy.maxWaitMinutes} 分钟，优先呼叫` };
    }
  }

  const due = candidates.filter((c) => c.appointmentStart !== null && c.appointmentStart <= now && (c.appointmentEnd === null || now <= c.appointmentEnd));
  if (due.length > 0) {
    const t = [...due].sort((a, b) => a.appointmentStart! - b.appointmentStart! || byOrder(a, b))[0]!;
    return { ticket: t, lane: 'appointment', ratio, reason: '预约号，已在预约时段内签到' };
  }

  const aged = (c: Candidate) => c.priorityGroup === null && policy.agingMinutes > 0 && now - c.issuedAt >= policy.agingMinutes * MIN;
  const priority = candidates.filter((c) => c.priorityGroup !== null || aged(c)).sort(byOrder);
  const normal = candidates.filter((c) => !(c.priorityGroup !== null || aged(c))).sort(byOrder);

  const inRun = ratio.priorityRun > 0 && ratio.priorityRun < policy.ratioPriority;
  const priorityTurn = policy.ratioPriority > 0 && (inRun || ratio.normalSincePriority >= policy.ratioNormal);
  const takePriority = priority.length > 0 && (normal.length === 0 || priorityTurn);

  if (takePriority) {
    const t = priority[0]!;
    const run = ratio.priorityRun + 1;
    const next = run >= policy.ratioPriority ? { normalSincePriority: 0, priorityRun: 0 } : { normalSincePriority: ratio.normalSincePriority, priorityRun: run };
    const why = t.priorityGroup !== null ? `优先群体（${t.priorityGroup}）` : `已等候 ${minutes(now - t.issuedAt)} 分钟，按等候时长提前`;
    const rule = normal.length === 0 ? '当前没有普通号等候' : `按 ${policy.ratioNormal} 普通 : ${policy.ratioPriority} 优先轮到优先号`;
    return { ticket: t, lane: 'priority', ratio: next, reason: `${why}；${rule}` };
  }
  const t = normal[0]!;
  const rule = priority.length === 0 ? '按取号先后' : `按 ${policy.ratioNormal} 普通 : ${policy.ratioPriority} 优先轮到普通号`;
  return {
    ticket: t,
    lane: 'normal',
    ratio: { normalSincePriority: ratio.normalSincePriority + 1, priorityRun: 0 },
    reason: t.returning ? '补齐材料后返回，优先接续办理' : rule,
  };
}
