import { gb11643CheckChar } from '../../shared/domain/idcard/numbers';

/** A valid 18-digit 公民身份号码 for tests: region 330102, the given birth date and sequence. */
export function idNumber(birth = '19900101', seq = 123): string {
  const first17 = `330102${birth}${String(seq).padStart(3, '0')}`;
  return first17 + gb11643CheckChar(first17);
}

export const applicant = (name = '王小明', seq = 123) => ({
  kind: 'person' as const,
  name,
  certType: '111',
  certNo: idNumber('19900101', seq),
  phone: '13800001234',
  address: '示例市示例区示例路 1 号',
});
