/**
 * Masks personal numbers in free text: 18-digit resident ID numbers (and 15-digit legacy ones)
 * keep the first 6 and last 4 characters, as DESIGN.md §8 asks for lists, logs and exports.
 */
const idNumberPattern = /(?<![0-9A-Za-z])(\d{6})(\d{8}|\d{5})(\d{3}[0-9Xx]|\d{4})(?![0-9A-Za-z])/g;

export function maskIdNumber(id: string): string {
  if (id.length <= 10) return id.replace(/./g, '*');
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskPersonalData(text: string): string {
  return text.replace(idNumberPattern, (_m, head: string, mid: string, tail: string) => head + '*'.repeat(mid.length) + tail);
}
