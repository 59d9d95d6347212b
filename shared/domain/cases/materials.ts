import { AppError } from '../../contract/errors';

/** A material an item requires, as the catalogue describes it (办事指南). */
export interface MaterialRequirement {
  id: string;
  itemId: string;
  name: string;
  /** Same key in two items of a bundle = the same paper, asked for once. */
  sharedKey: string | null;
  necessity: 'required' | 'optional' | 'conditional';
  copies: number;
  allowRongque: boolean;
  allowPromise: boolean;
  elicenseType: string | null;
}

/** Per-case state of a material (未交 / 纸质 / 电子 / 纸质+电子 / 免提交 / 容缺 / 告知承诺 / 不符合). */
export const materialStates = ['missing', 'paper', 'electronic', 'paperAndElectronic', 'exempt', 'rongque', 'promise', 'defective'] as const;
export type MaterialState = (typeof materialStates)[number];

export const materialStateLabels: Record<MaterialState, string> = {
  missing: '未交',
  paper: '纸质',
  electronic: '电子',
  paperAndElectronic: '纸质+电子',
  exempt: '免提交',
  rongque: '容缺',
  promise: '告知承诺',
  defective: '不符合',
};

/** One row of a case's checklist: the merged requirement plus what the applicant brought. */
export interface CaseMaterial {
  key: string;
  name: string;
  necessity: MaterialRequirement['necessity'];
  copiesRequired: number;
  allowRongque: boolean;
  allowPromise: boolean;
  elicenseType: string | null;
  itemIds: string[];
  state: MaterialState;
  count: number;
  note: string;
}

const necessityRank = { optional: 0, conditional: 1, required: 2 } as const;

/**
 * 一件事: merges the materials of several items so that a paper two items need is listed once.
 * The merged row is as strict as its strictest source: required if any item requires it, 容缺
 * or 告知承诺 only if every item allows it, the most copies any item asks for.
 */
export function mergeMaterials(requirements: readonly MaterialRequirement[]): Omit<CaseMaterial, 'state' | 'count' | 'note'>[] {
  const merged = new Map<string, Omit<CaseMaterial, 'state' | 'count' | 'note'>>();
  for (const r of requirements) {
    const key = r.sharedKey ?? `name:${r.name}`;
    const m = merged.get(key);
    if (!m) {
      merged.set(key, {
        key,
        name: r.name,
        necessity: r.necessity,
        copiesRequired: r.copies,
        allowRongque: r.allowRongque,
        allowPromise: r.allowPromise,
        elicenseType: r.elicenseType,
        itemIds: [r.itemId],
      });
      continue;
    }
    if (necessityRank[r.necessity] > necessityRank[m.necessity]) m.necessity = r.necessity;
    m.copiesRequired = Math.max(m.copiesRequired, r.copies);
    m.allowRongque &&= r.allowRongque;
    m.allowPromise &&= r.allowPromise;
    m.elicenseType ??= r.elicenseType;
    if (!m.itemIds.includes(r.itemId)) m.itemIds.push(r.itemId);
  }
  return [...merged.values()];
}

export interface MaterialSummary {
  /** 电子 / 纸质 / 免提交 / 容缺 / 需整改 counts, as printed on the acceptance summary line. */
  counts: { electronic: number; paper: number; exempt: number; rongque: number; promise: number; needFix: number };
  missing: CaseMaterial[];
  defective: CaseMaterial[];
  rongque: CaseMaterial[];
  /** Whether plain 受理 is allowed (every 必要 material present, exempt or promised). */
  canAccept: boolean;
  /** Whether 容缺受理 is allowed: nothing missing but what may be 容缺, and at least one 容缺. */
  canAcceptRongque: boolean;
}

export function summarizeMaterials(materials: readonly CaseMaterial[]): MaterialSummary {
  const counts = { electronic: 0, paper: 0, exempt: 0, rongque: 0, promise: 0, needFix: 0 };
  const missing: CaseMaterial[] = [];
  const defective: CaseMaterial[] = [];
  const rongque: CaseMaterial[] = [];
  for (const m of materials) {
    if (m.state === 'electronic' || m.state === 'paperAndElectronic') counts.electronic++;
    if (m.state === 'paper' || m.state === 'paperAndElectronic') counts.paper++;
    if (m.state === 'exempt') counts.exempt++;
    if (m.state === 'promise') counts.promise++;
    if (m.state === 'rongque') {
      counts.rongque++;
      rongque.push(m);
    }
    if (m.state === 'defective') {
      counts.needFix++;
      defective.push(m);
    }
    if (m.state === 'missing' && m.necessity === 'required') missing.push(m);
  }
  const blocked = missing.length > 0 || defective.some((m) => m.necessity === 'required');
  const rongqueOk = rongque.every((m) => m.allowRongque);
  return {
    counts,
    missing,
    defective,
    rongque,
    canAccept: !blocked && rongque.length === 0,
    canAcceptRongque: !blocked && rongque.length > 0 && rongqueOk,
  };
}

/** Refuses a state the material does not allow (容缺 / 告知承诺 / 免提交), naming the rule. */
export function checkMaterialState(m: Pick<CaseMaterial, 'name' | 'necessity' | 'allowRongque' | 'allowPromise' | 'elicenseType'>, state: MaterialState): void {
  if (state === 'rongque' && (!m.allowRongque || m.necessity !== 'required'))
    throw new AppError('RULE_VIOLATION', `「${m.name}」不在容缺受理清单内，不能容缺。`, { rule: 'material.rongque', hint: '请申请人补齐该材料，或出具一次性告知书。' });
  if (state === 'promise' && !m.allowPromise)
    throw new AppError('RULE_VIOLATION', `「${m.name}」不适用告知承诺制。`, { rule: 'material.promise', hint: '请申请人提交该材料。' });
  if (state === 'exempt' && !m.elicenseType)
    throw new AppError('RULE_VIOLATION', `「${m.name}」没有关联电子证照，不能免提交。`, { rule: 'material.exempt', hint: '请收取纸质或电子材料。' });
}

/** 受理 needs every 必要 material present, exempt or under 告知承诺. */
export function assertAcceptable(summary: MaterialSummary, withRongque: boolean): void {
  const names = (list: CaseMaterial[]) => list.map((m) => `「${m.name}」`).join('、');
  if (summary.missing.length > 0)
    throw new AppError('RULE_VIOLATION', `必要材料未齐：${names(summary.missing)}。`, {
      rule: 'material.complete',
      hint: withRongque ? '只有容缺清单内的材料可以容缺；其余请申请人补齐，或出具一次性告知书。' : '材料齐全后再受理；可选择容缺受理或出具一次性告知书。',
    });
  const badRequired = summary.defective.filter((m) => m.necessity === 'required');
  if (badRequired.length > 0)
    throw new AppError('RULE_VIOLATION', `材料不符合要求：${names(badRequired)}。`, { rule: 'material.defective', hint: '请出具一次性告知书，写明需要补正的内容。' });
  if (!withRongque && summary.rongque.length > 0)
    throw new AppError('RULE_VIOLATION', `有容缺材料：${names(summary.rongque)}，请使用「容缺受理」。`, { rule: 'material.rongqueDecision' });
  if (withRongque && summary.rongque.length === 0)
    throw new AppError('RULE_VIOLATION', '没有标记为容缺的材料，请直接受理。', { rule: 'material.rongqueDecision' });
}

/** 容缺 deadline: after today and not beyond the promised time limit of the case. */
export function checkRongqueDeadline(deadline: string, today: string, promiseDue: string): void {
  if (deadline <= today) throw new AppError('RULE_VIOLATION', '容缺补交期限应晚于今天。', { rule: 'rongque.deadline' });
  if (deadline > promiseDue)
    throw new AppError('RULE_VIOLATION', `容缺补交期限不能晚于承诺办结日期 ${promiseDue}。`, { rule: 'rongque.deadline', hint: `请选择 ${promiseDue} 或更早的日期。` });
}
