import { AppError } from '../../contract/errors';

/**
 * Case statuses. The national 办理状态 codes (domain.md §3.3) are kept beside our names because
 * the platform and every vendor speak them; 待出件 / 已出件 are the window's own.
 */
export const caseStatuses = [
  'draft', // 草稿: being filled in, no 受理号 yet
  'received', // 1 收件 (已接件)
  'withdrawn', // 2 撤件 before acceptance, 14 撤回 after
  'accepted', // 3 受理 (incl. 容缺受理 and 告知承诺)
  'refused', // 5 不予受理
  'correcting', // 6 补正(开始): 一次性告知 issued
  'corrected', // 7 补正(结束): materials brought back, to be decided again
  'departmentAccepted', // 8 部门受理
  'special', // 9 特别程序(开始): the clock stops
  'specialEnded', // 10 特别程序(结束)
  'awaitingPickup', // 待出件: 办结 11/12/13, result at the window
  'delivered', // 已出件: picked up or mailed
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const statusLabels: Record<CaseStatus, string> = {
  draft: '草稿',
  received: '已收件',
  withdrawn: '已撤件',
  accepted: '已受理',
  refused: '不予受理',
  correcting: '补正中',
  corrected: '已补正',
  departmentAccepted: '部门受理',
  special: '特别程序',
  specialEnded: '特别程序结束',
  awaitingPickup: '待出件',
  delivered: '已出件',
};

export const caseActions = [
  'receive', // 收件
  'accept', // 受理
  'acceptRongque', // 容缺受理
  'notifyCorrection', // 一次性告知
  'correctionReceived', // 补正材料收到
  'refuse', // 不予受理
  'withdraw', // 撤件 / 撤回
  'departmentAccept', // platform: 8
  'specialStart', // platform: 9
  'specialEnd', // platform: 10
  'conclude', // platform: 11/12/13 → 待出件
  'deliver', // 出件
] as const;
export type CaseAction = (typeof caseActions)[number];

export const actionLabels: Record<CaseAction, string> = {
  receive: '收件',
  accept: '受理',
  acceptRongque: '容缺受理',
  notifyCorrection: '一次性告知',
  correctionReceived: '补正材料收到',
  refuse: '不予受理',
  withdraw: '撤件',
  departmentAccept: '部门受理',
  specialStart: '特别程序开始',
  specialEnd: '特别程序结束',
  conclude: '办结',
  deliver: '出件',
};

const undecided: readonly CaseStatus[] = ['draft', 'received', 'corrected'];
const inBackOffice: readonly CaseStatus[] = ['accepted', 'departmentAccepted', 'specialEnded'];

/** Every allowed transition: action → the statuses it may start from, and where it leads. */
const transitions: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  receive: { from: ['draft'], to: 'received' },
  accept: { from: undecided, to: 'accepted' },
  acceptRongque: { from: undecided, to: 'accepted' },
  // 行政许可法 §32: the notice lists everything at once; a second notice is not "一次性".
  notifyCorrection: { from: ['draft', 'received'], to: 'correcting' },
  correctionReceived: { from: ['correcting'], to: 'corrected' },
  refuse: { from: undecided, to: 'refused' },
  withdraw: { from: ['received', 'correcting', 'corrected', 'accepted', 'departmentAccepted'], to: 'withdrawn' },
  departmentAccept: { from: ['accepted'], to: 'departmentAccepted' },
  specialStart: { from: ['departmentAccepted', 'specialEnded'], to: 'special' },
  specialEnd: { from: ['special'], to: 'specialEnded' },
  conclude: { from: inBackOffice, to: 'awaitingPickup' },
  deliver: { from: ['awaitingPickup'], to: 'delivered' },
};

/** National status code written with the event (domain.md §3.3). */
export function statusCodeFor(action: CaseAction, from: CaseStatus, resultCode?: 11 | 12 | 13): number {
  switch (action) {
    case 'receive':
      return 1;
    case 'accept':
    case 'acceptRongque':
      return 3;
    case 'refuse':
      return 5;
    case 'notifyCorrection':
      return 6;
    case 'correctionReceived':
      return 7;
    case 'withdraw':
      return from === 'accepted' || from === 'departmentAccepted' ? 14 : 2;
    case 'departmentAccept':
      return 8;
    case 'specialStart':
      return 9;
    case 'specialEnd':
      return 10;
    case 'conclude':
      return resultCode ?? 11;
    case 'deliver':
      return 11; // no national code for 出件: keep the 办结 family
  }
}

export function canTransition(from: CaseStatus, action: CaseAction): boolean {
  return transitions[action].from.includes(from);
}

export function allowedActions(from: CaseStatus): CaseAction[] {
  return caseActions.filter((a) => canTransition(from, a));
}

/** The status after `action`, or a RULE_VIOLATION naming the rule and saying what is possible. */
export function nextStatus(from: CaseStatus, action: CaseAction): CaseStatus {
  const t = transitions[action];
  if (!t.from.includes(from)) {
    const possible = allowedActions(from).map((a) => actionLabels[a]);
    throw new AppError('RULE_VIOLATION', `办件当前为「${statusLabels[from]}」，不能执行「${actionLabels[action]}」。`, {
      rule: 'case.transition',
      hint: possible.length > 0 ? `当前可以：${possible.join('、')}。` : '该办件已办理完毕，不能再变更。',
    });
  }
  return t.to;
}

export const isClosed = (s: CaseStatus) => s === 'withdrawn' || s === 'refused' || s === 'delivered';
