import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { fixtureById, fixtureCards } from './fixtures';
import { parseTextBlock } from '../../../../shared/domain/idcard/card';
import { encodeNewestAddress, encodeTextBlock, putUcs2 } from '../../../../shared/domain/idcard/encode';
import { decodeCardBytes, splitReadData } from '../../../../shared/domain/idcard/read-reply';
import { encodeResponse } from '../../../../shared/domain/idcard/sam-frame';
import { SamStreamDecoder } from '../../../../shared/domain/idcard/sam-stream';

const text = (id: string) => fixtureById(id)!.text;
const readReply = (id: string) => {
  const f = fixtureById(id)!;
  return encodeResponse(0x90, Uint8Array.from([0x01, 0x00, 0x04, 0x00, ...f.text, ...f.photo]));
};

describe('text block: one vector per card type, built from the layouts', () => {
  it('resident ID card', () => {
    const photo = fixtureById('resident')!.photo;
    expect(parseTextBlock(text('resident'), { photo })).toEqual({
      cardType: 'resident',
      name: '张伟',
      englishName: null,
      gender: '男',
      genderCode: '1',
      nation: '汉',
      nationCode: '01',
      nationality: null,
      birthDate: '1949-12-31',
      address: '北京市西城区复兴门外大街1号院2号楼3单元401室',
      newestAddress: null,
      idNumber: '11010519491231002X',
      issuer: '北京市公安局西城分局',
      validFrom: '2015-03-01',
      validTo: '2035-03-01',
      longTerm: false,
      passNumber: null,
      issueCount: null,
      renewalCount: null,
      previousNumberLink: null,
      photoWlt: Buffer.from(photo).toString('base64'),
      warnings: [],
    });
  });

  it('长期 validity and the newest address', () => {
    expect(parseTextBlock(text('residentLongTerm'))).toMatchObject({ validTo: null, longTerm: true, nation: '回', gender: '女' });
    const c = parseTextBlock(text('residentNewAddress'), { newestAddress: encodeNewestAddress('广东省深圳市南山区科技园') });
    expect(c.newestAddress).toBe('广东省深圳市南山区科技园');
    expect(c.address).toBe('广东省深圳市福田区香蜜湖街道香梅路1号');
  });

  it("HK/Macao/Taiwan residence permit ('J')", () => {
    expect(parseTextBlock(text('hkMacaoTaiwan'))).toMatchObject({
      cardType: 'hkMacaoTaiwan', name: '陈家豪', gender: '女', nation: null, nationCode: null, idNumber: '810000199408230021', passNumber: 'H12345678', issueCount: 1, validTo: '2029-01-05',
    });
  });

  it("2017 foreigner card ('I')", () => {
    expect(parseTextBlock(text('foreigner2017'))).toMatchObject({
      cardType: 'foreigner2017', name: '阿利耶夫', englishName: 'ALIYEV, NURLAN', nationality: 'KAZ', idNumber: 'KAZ110090123105', birthDate: '1990-12-31', issuer: '1100', validFrom: '2018-03-01', validTo: '2028-03-01',
    });
  });

  it("2023 foreigner card ('Y'): English name joined from its two parts", () => {
    expect(parseTextBlock(text('foreigner2023'))).toMatchObject({
      cardType: 'foreigner2023', name: '史密斯', englishName: 'SMITH, JOHNATHAN ALEXANDER BARTHOLOMEW WILLIAM', nationality: 'USA', idNumber: '911840198506150118', renewalCount: 1, previousNumberLink: '123', birthDate: '1985-06-15',
    });
  });

  it('a NUL type flag (older firmware) reads as a resident card; NUL padding is trimmed', () => {
    const b = text('resident').slice();
    b[248] = 0;
    for (let i = 52 + 2 * 18; i < 122; i++) b[i] = 0;
    expect(parseTextBlock(b)).toMatchObject({ cardType: 'resident', address: '北京市西城区复兴门外大街1号院2号楼' });
  });

  it('decodes a whole read-reply frame, a 30 10 reply and a bare block', () => {
    expect(decodeCardBytes(readReply('foreigner2023')).englishName).toBe('SMITH, JOHNATHAN ALEXANDER BARTHOLOMEW WILLIAM');
    expect(decodeCardBytes(text('hkMacaoTaiwan')).passNumber).toBe('H12345678');
    expect(readReply('resident')).toHaveLength(1295);
    const f = fixtureById('resident')!;
    const fp = splitReadData(Uint8Array.from([0x01, 0x00, 0x04, 0x00, 0x04, 0x00, ...f.text, ...f.photo, ...new Uint8Array(1024)]));
    expect(fp.fingerprint).toHaveLength(1024);
    expect(() => decodeCardBytes(encodeResponse(0x41))).toThrow('读证/卡操作失败');
  });
});

describe('bad input: a typed Chinese error, never a half-filled card', () => {
  const mutate = (id: string, offset: number, bytes: number, value: string) => {
    const b = text(id).slice();
    putUcs2(b, offset, bytes, value);
    return b;
  };
  const cases: [string, Uint8Array, string][] = [
    ['unknown card type', (() => { const b = text('resident').slice(); b[248] = 0x51; return b; })(), '不支持的证件类型'],
    ['non-digit birth date', mutate('resident', 36, 16, '1949l231'), '出生日期不是有效日期'],
    ['impossible valid-to', mutate('resident', 204, 16, '20350230'), '有效期截止日期不是有效日期'],
    ['wrong check character', mutate('resident', 122, 36, '110105194912310021'), '校验码'],
    ['unknown gender code', mutate('resident', 30, 2, '5'), '性别代码无效'],
    ['unknown nation code', mutate('resident', 32, 4, '77'), '民族代码无效'],
    ['empty name', mutate('resident', 0, 30, ''), '姓名为空'],
    ['bad issue count', mutate('hkMacaoTaiwan', 238, 4, 'x1'), '签发次数不是数字'],
    ['lone surrogate in the name', (() => { const b = text('resident').slice(); b[2] = 0x00; b[3] = 0xd8; return b; })(), '姓名含有无法识别的字符'],
    ['control character in the address', (() => { const b = text('resident').slice(); b[54] = 0x07; b[55] = 0; return b; })(), '住址含有无法识别的字符'],
    ['short block', text('resident').slice(0, 200), '应为 256 字节'],
  ];
  it.each(cases)('%s', (_name, block, message) => {
    let thrown: unknown;
    try {
      parseTextBlock(block);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('BAD_REPLY');
    expect((thrown as AppError).message).toContain(message);
    expect((thrown as AppError).message).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('fuzz: 100,000 random and mutated frames and blocks never escape as anything but AppError', () => {
    const seeds = fixtureCards.map((f) => readReply(f.id));
    let parsed = 0;
    let refused = 0;
    const feed = (bytes: Uint8Array) => {
      try {
        const card = decodeCardBytes(bytes);
        // A card that comes out is whole: every required field present.
        expect(card.idNumber.length).toBeGreaterThan(0);
        expect(card.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        parsed++;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        refused++;
      }
    };
    const decoder = new SamStreamDecoder();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 1400 }),
          fc.record({ seed: fc.nat(seeds.length - 1), edits: fc.array(fc.tuple(fc.nat(1294), fc.nat(255)), { maxLength: 6 }), cut: fc.nat(1295) }).map(({ seed, edits, cut }) => {
            const f = seeds[seed]!.slice(0, cut === 0 ? 1295 : cut);
            for (const [i, v] of edits) if (i < f.length) f[i] = v;
            return f;
          }),
          fc.record({ seed: fc.nat(seeds.length - 1), edits: fc.array(fc.tuple(fc.nat(255), fc.nat(255)), { minLength: 1, maxLength: 4 }) }).map(({ seed, edits }) => {
            const b = fixtureCards[seed]!.text.slice();
            for (const [i, v] of edits) b[i] = v;
            return b;
          }),
        ),
        (bytes) => {
          feed(bytes);
          for (const item of decoder.push(bytes)) if (item.kind === 'frame') feed(item.frame);
        },
      ),
      { numRuns: 100_000 },
    );
    expect(parsed + refused).toBeGreaterThanOrEqual(100_000);
    expect(refused).toBeGreaterThan(1000);
    expect(parsed).toBeGreaterThan(100);
  }, 120_000);
});

describe('encoder', () => {
  it('refuses text that does not fit its field', () => {
    expect(() => encodeTextBlock('resident', [[0, 30, '一二三四五六七八九十一二三四五六']])).toThrow(RangeError);
  });
});
