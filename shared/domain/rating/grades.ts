/**
 * 好差评 grades and the national option lists (全国一体化在线政务服务平台“好差评”, 评价器 set).
 * Canonical grade: 5 = 非常满意 … 1 = 非常不满意, the same direction as the national push
 * (`satisfaction`). Systems that store the reverse map at their own boundary.
 */
export type Grade = 1 | 2 | 3 | 4 | 5;

export const gradeLabels: Record<Grade, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** Plain-language wording for the 大字/通俗 mode of the customer screen. */
export const gradePlainLabels: Record<Grade, string> = {
  5: '很好',
  4: '好',
  3: '还行',
  2: '不好',
  1: '很不好',
};

/** Option codes per grade; the first digit of every code is its grade. */
export const gradeOptions: Record<Grade, readonly { code: string; label: string }[]> = {
  5: [
    { code: '510', label: '一窗受理一次办结' },
    { code: '511', label: '可以先受理后补材料' },
    { code: '512', label: '不用提交证明' },
    { code: '513', label: '可以全程网上办理' },
    { code: '514', label: '可以使用手机办理' },
    { code: '515', label: '可以就近办理' },
    { code: '516', label: '无需材料直接办理' },
    { code: '517', label: '服务热情效率高' },
  ],
  4: [
    { code: '406', label: '填写一张表单就可完成申报' },
    { code: '407', label: '在线提交材料窗口核验' },
    { code: '408', label: '一张清单告知全部申报材料' },
    { code: '409', label: '用告知承诺减免申报材料' },
    { code: '410', label: '可以在线预约办理' },
    { code: '411', label: '跑大厅一次办完' },
    { code: '412', label: '可以使用自助机办理' },
    { code: '413', label: '服务态度较好' },
  ],
  3: [
    { code: '307', label: '一次性告知需要补正的材料' },
    { code: '308', label: '提供申报材料样本' },
    { code: '309', label: '在承诺的时间内办结' },
    { code: '310', label: '办事指南指引准确' },
    { code: '311', label: '按办事指南要求的材料即可办理' },
    { code: '312', label: '可以快递送达' },
    { code: '313', label: '跑动次数与承诺的一致' },
    { code: '314', label: '服务态度一般' },
  ],
  2: [
    { code: '207', label: '没有提供材料样本' },
    { code: '208', label: '没有提供材料清单' },
    { code: '209', label: '未在承诺时间内办结' },
    { code: '210', label: '同样内容的证明材料被要求多次提交' },
    { code: '211', label: '承诺网办但无法在线办理' },
    { code: '212', label: '在线预约办理后到实体大厅重复取号排队' },
    { code: '213', label: '窗口人员业务不熟练' },
    { code: '214', label: '服务态度生硬' },
  ],
  1: [
    { code: '108', label: '在办事指南之外增加新的审批条件' },
    { code: '109', label: '需提供办事指南之外的申报材料' },
    { code: '110', label: '无理由超过法定办理时间' },
    { code: '111', label: '办事指南提供样本有错' },
    { code: '112', label: '承诺在线收取申报材料实际无法收取' },
    { code: '113', label: '多头跑窗口和部门' },
    { code: '114', label: '跑动次数与承诺的不一致' },
    { code: '115', label: '服务态度差效率低' },
  ],
};

/** 差评: grades 1–2 open a rectification follow-up (国办发〔2019〕51号). */
export const isBadGrade = (grade: number | null): boolean => grade !== null && grade <= 2;

/** Option codes must belong to the chosen grade; 不满意 grades need at least one reason. */
export function checkOptionCodes(grade: Grade, codes: readonly string[]): string | null {
  const allowed = new Set(gradeOptions[grade].map((o) => o.code));
  const foreign = codes.find((c) => !allowed.has(c));
  if (foreign !== undefined) return `评价选项 ${foreign} 不属于“${gradeLabels[grade]}”`;
  if (isBadGrade(grade) && codes.length === 0) return '请至少选择一项不满意的原因';
  return null;
}

/** 评价渠道 pf: 5 = 政务大厅其他终端（评价器）. */
export const RATING_CHANNEL_EVALUATOR = 5;
