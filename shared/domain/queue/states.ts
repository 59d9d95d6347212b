/**
 * Ticket state machine of the hall queue (queue.md §6). Pure: the hall service asks it before
 * every change and writes the answer to its event log; the clerk panel asks it which keys to enable.
 */
export const ticketStates = ['waiting', 'called', 'serving', 'suspended', 'done', 'noShow', 'transferred', 'cancelled'] as const;
export type TicketState = (typeof ticketStates)[number];

export const ticketActions = ['call', 'recall', 'noShow', 'requeue', 'start', 'suspend', 'resume', 'transfer', 'finish', 'cancel'] as const;
export type TicketAction = (typeof ticketActions)[number];

/** 挂起 kinds: 不持件挂起 (back to any window of the category), 持件挂起 (same window), 等待挂起 (clerk wakes it). */
export const suspendKinds = ['noMaterial', 'withMaterial', 'waiting'] as const;
export type SuspendKind = (typeof suspendKinds)[number];
export const suspendKindLabel: Record<SuspendKind, string> = {
  noMaterial: '不持件挂起',
  withMaterial: '持件挂起',
  waiting: '等待挂起',
};

export const ticketStateLabel: Record<TicketState, string> = {
  waiting: '等候中',
  called: '已呼叫',
  serving: '办理中',
  suspended: '已挂起',
  done: '已办结',
  noShow: '过号',
  transferred: '已转移',
  cancelled: '已取消',
};

const actionLabel: Record<TicketAction, string> = {
  call: '呼叫',
  recall: '重呼',
  noShow: '过号',
  requeue: '过号顺延',
  start: '开始办理',
  suspend: '挂起',
  resume: '恢复',
  transfer: '转移',
  finish: '办结',
  cancel: '取消',
};

/** Where each action may start and where it leads. `resume` of 不持件挂起 goes back to waiting. */
const table: Record<TicketAction, { from: readonly TicketState[]; to: TicketState }> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  noShow: { from: ['called'], to: 'noShow' },
  requeue: { from: ['noShow'], to: 'waiting' },
  start: { from: ['called'], to: 'serving' },
  suspend: { from: ['serving'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'serving' },
  transfer: { from: ['called', 'serving', 'suspended'], to: 'transferred' },
  finish: { from: ['serving'], to: 'done' },
  cancel: { from: ['waiting', 'called'], to: 'cancelled' },
};

export type TransitionResult = { ok: true; to: TicketState } | { ok: false; message: string };

export function transition(from: TicketState, action: TicketAction, opts: { suspendKind?: SuspendKind | null } = {}): TransitionResult {
  const rule = table[action];
  if (!rule.from.includes(from)) {
    return { ok: false, message: `号票当前为“${ticketStateLabel[from]}”，不能${actionLabel[action]}。` };
  }
  if (action === 'resume' && opts.suspendKind === 'noMaterial') return { ok: true, to: 'waiting' };
  return { ok: true, to: rule.to };
}

export const allowedActions = (from: TicketState): TicketAction[] => ticketActions.filter((a) => table[a].from.includes(from));

/** States in which a ticket occupies a window (one at a time per window). */
export const activeAtWindow: readonly TicketState[] = ['called', 'serving'];
export const isFinal = (s: TicketState) => s === 'done' || s === 'transferred' || s === 'cancelled';
