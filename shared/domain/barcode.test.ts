import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WedgeDetector } from './barcode';

const feed = (d: WedgeDetector, text: string, start: number, gap: number) => {
  let t = start;
  let out: string | null = null;
  for (const ch of text) {
    out = d.key(ch, t) ?? out;
    t += gap;
  }
  return { out: d.key('Enter', t) ?? out, end: t };
};

describe('WedgeDetector', () => {
  it('takes a fast burst ending in Enter as a scan', () => {
    expect(feed(new WedgeDetector(), 'YY2026112300017', 0, 8).out).toBe('YY2026112300017');
  });

  it('ignores typing at human speed and short bursts', () => {
    expect(feed(new WedgeDetector(), '张三身份证号码', 0, 120).out).toBeNull();
    expect(feed(new WedgeDetector(), 'abc', 0, 5).out).toBeNull();
  });

  it('a scan right after slow typing yields only the scanned code', () => {
    const d = new WedgeDetector();
    let t = 0;
    for (const ch of 'hello') d.key(ch, (t += 150));
    expect(feed(d, '91110000MA01ABCD2X', t + 200, 6).out).toBe('91110000MA01ABCD2X');
  });

  it('never reports a code for keys slower than the gap (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 36, max: 500 }), (s, gap) => {
        expect(feed(new WedgeDetector(), s, 0, gap).out).toBeNull();
      }),
    );
  });
});
