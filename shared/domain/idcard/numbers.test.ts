import { describe, expect, it } from 'vitest';
import { checkForeigner2017Number, checkForeigner2023Number, checkResidentId, checkUscc, gb11643CheckChar, isCardExpired, upgradeLegacyId, usccCheckChar } from './numbers';

describe('number rules', () => {
  it('GB 11643 check character on published examples', () => {
    for (const id of ['34052419800101001X', '440308199901101512', '810000199408230021', '830000199201300022', '11010519491231002X']) {
      expect(gb11643CheckChar(id.slice(0, 17))).toBe(id[17]);
      expect(checkResidentId(id)).toMatchObject({ ok: true, errors: [] });
    }
    expect(checkResidentId('340524198001010011').errors[0]).toContain('校验码应为 X');
    expect(checkResidentId('11010519491331002X').ok).toBe(false);
    expect(checkResidentId('abc').errors[0]).toContain('18 位');
    expect(checkResidentId('440308199901101512').genderCode).toBe('1');
  });

  it('legacy 15-digit numbers upgrade with a warning', () => {
    expect(upgradeLegacyId('340524800101001')).toBe('34052419800101001X');
    const r = checkResidentId('340524800101001');
    expect(r).toMatchObject({ ok: true, normalized: '34052419800101001X', birthDate: '1980-01-01' });
    expect(r.warnings[0]).toContain('15 位');
  });

  it('region codes: unknown is a warning, not an error', () => {
    const first17 = '99010519491231002';
    const r = checkResidentId(first17 + gb11643CheckChar(first17));
    expect(r.ok).toBe(true);
    expect(r.warnings[0]).toContain('990105');
    const plugged = checkResidentId('11010519491231002X', { regionKnown: (c) => c !== '110105' });
    expect(plugged.ok).toBe(true);
    expect(plugged.warnings[0]).toContain('可能已撤销');
  });

  it('foreigner card numbers of 2017 (MRZ 7-3-1) and 2023 (MOD 11-2)', () => {
    expect(checkForeigner2017Number('KAZ110090123105').ok).toBe(true);
    expect(checkForeigner2017Number('KAZ110090123106').errors[0]).toContain('校验码');
    expect(checkForeigner2017Number('KAZ11009012310').ok).toBe(false);
    expect(checkForeigner2023Number('911840198506150118').ok).toBe(true);
    expect(checkForeigner2023Number('911840198506150117').ok).toBe(false);
    expect(checkForeigner2023Number('811840198506150118').ok).toBe(false);
  });

  it('GB 32100 统一社会信用代码', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(checkUscc('91350100M000100Y43').ok).toBe(true);
    expect(checkUscc('91350100M000100Y44').errors[0]).toContain('校验码');
    expect(checkUscc('91350100M000100Y4O').ok).toBe(false);
  });

  it('card expiry, 长期 never expires', () => {
    expect(isCardExpired('2020-07-01', '2026-11-23')).toBe(true);
    expect(isCardExpired('2026-11-23', '2026-11-23')).toBe(false);
    expect(isCardExpired(null, '2099-01-01')).toBe(false);
  });
});
