/**
 * Training and test cards (模拟证件): one of each card type, plus 长期 validity and a card with a
 * newest address. Numbers carry correct check characters; people and addresses are invented.
 */
import { type CardType, encodeTextBlock, type FieldWrites } from '../../../../shared/domain/idcard';

export interface FixtureCard {
  id: string;
  /** What the training picker shows. */
  label: string;
  cardType: CardType;
  text: Uint8Array;
  photo: Uint8Array;
  newestAddress: string | null;
}

/** An opaque 1024-byte blob standing in for the encrypted WLT photo; differs per card. */
function fakeWlt(seed: number): Uint8Array {
  const out = new Uint8Array(1024);
  let x = seed * 2654435761 >>> 0;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out.set([0x57, 0x4c, 0x66, 0x00], 0); // "WLf": the real blobs start with this magic too
  return out;
}

const resident = (p: { name: string; g: string; nation: string; birth: string; address: string; id: string; issuer: string; from: string; to: string }): FieldWrites => [
  [0, 30, p.name],
  [30, 2, p.g],
  [32, 4, p.nation],
  [36, 16, p.birth],
  [52, 70, p.address],
  [122, 36, p.id],
  [158, 30, p.issuer],
  [188, 16, p.from],
  [204, 16, p.to],
];

const defs: Omit<FixtureCard, 'photo'>[] = [
  {
    id: 'resident',
    label: '居民身份证 · 张伟（男，汉族）',
    cardType: 'resident',
    text: encodeTextBlock(
      'resident',
      resident({ name: '张伟', g: '1', nation: '01', birth: '19491231', address: '北京市西城区复兴门外大街1号院2号楼3单元401室', id: '11010519491231002X', issuer: '北京市公安局西城分局', from: '20150301', to: '20350301' }),
    ),
    newestAddress: null,
  },
  {
    id: 'residentLongTerm',
    label: '居民身份证 · 李秀英（女，回族，长期有效）',
    cardType: 'resident',
    text: encodeTextBlock(
      'resident',
      resident({ name: '李秀英', g: '2', nation: '03', birth: '19800101', address: '安徽省马鞍山市花山区湖东路88号', id: '34052419800101001X', issuer: '马鞍山市公安局花山分局', from: '20200615', to: '长期' }),
    ),
    newestAddress: null,
  },
  {
    id: 'residentNewAddress',
    label: '居民身份证 · 王小明（有最新住址）',
    cardType: 'resident',
    text: encodeTextBlock(
      'resident',
      resident({ name: '王小明', g: '1', nation: '01', birth: '19990110', address: '广东省深圳市福田区香蜜湖街道香梅路1号', id: '440308199901101512', issuer: '深圳市公安局福田分局', from: '20170110', to: '20270110' }),
    ),
    newestAddress: '广东省深圳市南山区粤海街道科技园南区深南大道10000号',
  },
  {
    id: 'residentExpired',
    label: '居民身份证 · 赵敏（已过期）',
    cardType: 'resident',
    text: encodeTextBlock(
      'resident',
      resident({ name: '赵敏', g: '2', nation: '08', birth: '19920130', address: '浙江省杭州市上城区解放路18号', id: '330102199201300022', issuer: '杭州市公安局上城分局', from: '20100701', to: '20200701' }),
    ),
    newestAddress: null,
  },
  {
    id: 'hkMacaoTaiwan',
    label: '港澳台居民居住证 · 陈家豪',
    cardType: 'hkMacaoTaiwan',
    text: encodeTextBlock('hkMacaoTaiwan', [
      [0, 30, '陈家豪'],
      [30, 2, '2'],
      [36, 16, '19940823'],
      [52, 70, '广东省广州市天河区天河路385号'],
      [122, 36, '810000199408230021'],
      [158, 30, '广州市公安局天河分局'],
      [188, 16, '20190105'],
      [204, 16, '20290105'],
      [220, 18, 'H12345678'],
      [238, 4, '01'],
    ]),
    newestAddress: null,
  },
  {
    id: 'foreigner2017',
    label: '外国人永久居留身份证（2017 版）· ALIYEV',
    cardType: 'foreigner2017',
    text: encodeTextBlock('foreigner2017', [
      [0, 120, 'ALIYEV, NURLAN'],
      [120, 2, '1'],
      [122, 30, 'KAZ110090123105'],
      [152, 6, 'KAZ'],
      [158, 30, '阿利耶夫'],
      [188, 16, '20180301'],
      [204, 16, '20280301'],
      [220, 16, '19901231'],
      [236, 4, '01'],
      [240, 8, '1100'],
    ]),
    newestAddress: null,
  },
  {
    id: 'foreigner2023',
    label: '外国人永久居留身份证（2023 版）· SMITH',
    cardType: 'foreigner2023',
    text: encodeTextBlock('foreigner2023', [
      [0, 30, '史密斯'],
      [30, 2, '1'],
      [32, 4, '01'],
      [36, 16, '19850615'],
      [52, 70, 'SMITH, JOHNATHAN ALEXANDER BARTHOLOMEW WILLIAM'.slice(0, 35)],
      [122, 36, '911840198506150118'],
      [188, 16, '20231201'],
      [204, 16, '20331201'],
      [220, 22, 'SMITH, JOHNATHAN ALEXANDER BARTHOLOMEW WILLIAM'.slice(35, 46)],
      [242, 6, 'USA'],
      [250, 6, '123'],
    ]),
    newestAddress: null,
  },
];

export const fixtureCards: FixtureCard[] = defs.map((d, i) => ({ ...d, photo: fakeWlt(i + 1) }));

export function fixtureById(id: string): FixtureCard | undefined {
  return fixtureCards.find((f) => f.id === id);
}
