/**
 * How the hall display reads a call aloud: ticket digits one by one (A001 → A零零一, as halls
 * announce them), the window number as a cardinal (12 → 十二).
 */
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export function readDigits(label: string): string {
  return label.replace(/\d/g, (d) => DIGITS[Number(d)]!);
}

/** 0–9999 as spoken Chinese: 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五. */
export function readCardinal(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out !== '') pendingZero = true;
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[d]! + units[i]!;
  });
  return out;
}

export interface Announcement {
  /** What the screen shows. */
  text: string;
  /** What speechSynthesis reads. */
  speech: string;
}

export function announcement(label: string, windowNo: number, recall = false): Announcement {
  const again = recall ? '（重呼）' : '';
  return {
    text: `请 ${label} 号到 ${windowNo} 号窗口办理${again}`,
    speech: `${recall ? '再次呼叫，' : ''}请${readDigits(label)}号，到${readCardinal(windowNo)}号窗口办理`,
  };
}
