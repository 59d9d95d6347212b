import type { CardReadPayload } from '../../../shared/contract/idcard';
import type { Party } from '../../../shared/contract/cases';
import { checkResidentId, checkUscc, isCardExpired, localToday } from '../../../shared/domain/idcard/numbers';

/** 证件类型 codes of the national 好差评/申办 interfaces. */
export const certTypes: { value: string; label: string }[] = [
  { value: '111', label: '居民身份证' },
  { value: '516', label: '港澳台居民居住证' },
  { value: '553', label: '外国人永久居留身份证' },
  { value: '414', label: '护照' },
  { value: '001', label: '统一社会信用代码' },
];

export const emptyParty = (kind: Party['kind'] = 'person'): Party => ({ kind, name: '', certType: kind === 'org' ? '001' : '111', certNo: '', phone: '', address: '' });

/** A card read → the party it identifies (address from the newest 30 03 address when present). */
export function partyFromCard(card: CardReadPayload, previous: Party): Party {
  const certType = card.cardType === 'resident' ? '111' : card.cardType === 'hkMacaoTaiwan' ? '516' : '553';
  return { ...previous, kind: 'person', name: card.name, certType, certNo: card.idNumber, address: card.newestAddress ?? card.address ?? previous.address ?? '' };
}

export function cardWarnings(card: CardReadPayload): string[] {
  const out = [...card.warnings];
  if (isCardExpired(card.validTo, localToday())) out.push(`证件已于 ${card.validTo} 过期，请申请人换领后再办理，或按规定核验临时身份证明。`);
  return out;
}

/** Live checks while the clerk types: errors block decisions, warnings only inform. */
export function checkCertNo(p: Party): { error?: string; warning?: string } {
  if (!p.certNo) return {};
  if (p.certType === '111') {
    const r = checkResidentId(p.certNo);
    if (!r.ok) return { error: r.errors.join('') };
    return r.warnings.length ? { warning: r.warnings.join('') } : {};
  }
  if (p.certType === '001') {
    const r = checkUscc(p.certNo);
    if (!r.ok) return { error: r.errors.join('') };
    return r.warnings.length ? { warning: r.warnings.join('') } : {};
  }
  return {};
}
