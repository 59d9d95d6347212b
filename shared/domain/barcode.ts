/**
 * Barcode and QR input (预约码, 电子证照码) from a keyboard-wedge scanner, told apart from typing:
 * a scanner "types" a whole code within a few milliseconds per key and ends with Enter; a person
 * does not. The detector is fed every printable key and Enter with its timestamp.
 */
export interface WedgeOptions {
  /** Longest gap between two keys of one scan. */
  maxGapMs?: number;
  /** Shorter bursts are fast typing, not a code. */
  minLength?: number;
}

export class WedgeDetector {
  private buffer = '';
  private last = -Infinity;
  private readonly maxGapMs: number;
  private readonly minLength: number;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 35;
    this.minLength = options.minLength ?? 6;
  }

  /** Returns the scanned code when `key` ends a scan, otherwise null. */
  key(key: string, at: number): string | null {
    const gap = at - this.last;
    this.last = at;
    if (key === 'Enter') {
      const code = gap <= this.maxGapMs && this.buffer.length >= this.minLength ? this.buffer : null;
      this.buffer = '';
      return code;
    }
    if (key.length !== 1) {
      this.buffer = '';
      return null;
    }
    this.buffer = gap <= this.maxGapMs ? this.buffer + key : key;
    return null;
  }
}

/** Kind of code the clerk scanned, by its shape. */
export function classifyCode(code: string): 'appointment' | 'licence' | 'url' | 'other' {
  if (/^https?:\/\//i.test(code)) return 'url';
  if (/^YY\d{8,}$/i.test(code)) return 'appointment';
  if (/^[0-9A-Z]{18,}$/.test(code)) return 'licence';
  return 'other';
}
