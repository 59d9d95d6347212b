import { describe, expect, it } from 'vitest';
import { type CaseMaterial, type MaterialRequirement, assertAcceptable, checkMaterialState, checkRongqueDeadline, mergeMaterials, summarizeMaterials } from './materials';

const req = (p: Partial<MaterialRequirement> & Pick<MaterialRequirement, 'id' | 'itemId' | 'name'>): MaterialRequirement => ({
  sharedKey: null,
  necessity: 'required',
  copies: 1,
  allowRongque: false,
  allowPromise: false,
  elicenseType: null,
  ...p,
});

describe('一件事 material merge', () => {
  it('lists a shared material once, as strict as its strictest item', () => {
    const merged = mergeMaterials([
      req({ id: 'a1', itemId: 'A', name: '父母双方居民身份证', sharedKey: 'parents-id', necessity: 'optional', copies: 1, allowRongque: true, elicenseType: 'idcard' }),
      req({ id: 'b1', itemId: 'B', name: '父母身份证', sharedKey: 'parents-id', necessity: 'required', copies: 2, allowRongque: false }),
      req({ id: 'b2', itemId: 'B', name: '出生医学证明' }),
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ key: 'parents-id', necessity: 'required', copiesRequired: 2, allowRongque: false, elicenseType: 'idcard', itemIds: ['A', 'B'] });
  });
});

const row = (name: string, state: CaseMaterial['state'], extra: Partial<CaseMaterial> = {}): CaseMaterial => ({
  key: name,
  name,
  necessity: 'required',
  copiesRequired: 1,
  allowRongque: false,
  allowPromise: false,
  elicenseType: null,
  itemIds: ['A'],
  state,
  count: 1,
  note: '',
  ...extra,
});

describe('material rules', () => {
  it('accepts only when every 必要 material is present, exempt or promised', () => {
    const ok = summarizeMaterials([row('申请书', 'paper'), row('身份证', 'exempt'), row('场所证明', 'promise'), row('委托书', 'missing', { necessity: 'optional' })]);
    expect(ok.canAccept).toBe(true);
    expect(ok.counts).toMatchObject({ paper: 1, exempt: 1, promise: 1 });
    const missing = summarizeMaterials([row('申请书', 'paper'), row('身份证', 'missing')]);
    expect(missing.canAccept).toBe(false);
    expect(() => assertAcceptable(missing, false)).toThrow(/必要材料未齐：「身份证」/);
  });

  it('allows 容缺 only for materials on the list, with a deadline within the promise', () => {
    expect(() => checkMaterialState(row('身份证', 'missing'), 'rongque')).toThrow(/不在容缺受理清单内/);
    expect(() => checkMaterialState(row('合同', 'missing', { allowRongque: true }), 'rongque')).not.toThrow();
    const s = summarizeMaterials([row('申请书', 'paper'), row('合同', 'rongque', { allowRongque: true })]);
    expect(s.canAccept).toBe(false);
    expect(s.canAcceptRongque).toBe(true);
    expect(() => assertAcceptable(s, false)).toThrow(/请使用「容缺受理」/);
    expect(() => assertAcceptable(s, true)).not.toThrow();
    expect(() => checkRongqueDeadline('2026-12-10', '2026-11-23', '2026-12-01')).toThrow(/不能晚于承诺办结日期 2026-12-01/);
    expect(() => checkRongqueDeadline('2026-11-23', '2026-11-23', '2026-12-01')).toThrow(/晚于今天/);
    expect(() => checkRongqueDeadline('2026-11-30', '2026-11-23', '2026-12-01')).not.toThrow();
  });

  it('refuses 免提交 without an e-licence source and counts defects as 需整改', () => {
    expect(() => checkMaterialState(row('合同', 'missing'), 'exempt')).toThrow(/没有关联电子证照/);
    const s = summarizeMaterials([row('申请书', 'defective')]);
    expect(s.counts.needFix).toBe(1);
    expect(() => assertAcceptable(s, false)).toThrow(/不符合要求/);
  });
});
