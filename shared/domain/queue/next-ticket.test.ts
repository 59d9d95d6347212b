import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, chooseNext, initialRatio, type Policy } from './next-ticket';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T01:00:00Z');
let seq = 0;
const ticket = (over: Partial<Candidate>): Candidate => {
  const id = `t${++seq}`;
  const issuedAt = over.issuedAt ?? T0;
  return { id, label: id, issuedAt, orderKey: issuedAt, priorityGroup: null, appointmentStart: null, appointmentEnd: null, returning: false, ...over };
};
const policy: Policy = { ratioNormal: 2, ratioPriority: 1, agingMinutes: 0, maxWaitMinutes: 0 };

describe('next-ticket rule: examples', () => {
  it('is first come first served without priority tickets', () => {
    const a = ticket({ issuedAt: T0 });
    const b = ticket({ issuedAt: T0 + 1000 });
    const c = chooseNext([b, a], T0 + 5 * MIN, policy, initialRatio(policy))!;
    expect(c.ticket).toBe(a);
    expect(c.reason).toBe('按取号先后');
  });

  it('interleaves 2 normal : 1 priority and says why', () => {
    const lanes: string[] = [];
    let pool = [...Array.from({ length: 6 }, (_, i) => ticket({ issuedAt: T0 + i })), ...Array.from({ length: 3 }, (_, i) => ticket({ issuedAt: T0 + 10 + i, priorityGroup: '老年人' }))];
    let ratio = initialRatio(policy);
    while (pool.length > 0) {
      const c = chooseNext(pool, T0 + MIN, policy, ratio)!;
      lanes.push(c.lane);
      ratio = c.ratio;
      pool = pool.filter((t) => t !== c.ticket);
      if (c.lane === 'priority') expect(c.reason).toContain('优先群体（老年人）');
    }
    expect(lanes).toEqual(['priority', 'normal', 'normal', 'priority', 'normal', 'normal', 'priority', 'normal', 'normal']);
  });

  it('calls a due appointment first and someone over the cap before anything', () => {
    const walkIn = ticket({ issuedAt: T0 });
    const appt = ticket({ issuedAt: T0 + MIN, appointmentStart: T0, appointmentEnd: T0 + 30 * MIN });
    expect(chooseNext([walkIn, appt], T0 + 2 * MIN, policy, initialRatio(policy))!.lane).toBe('appointment');
    const capped = { ...policy, maxWaitMinutes: 45 };
    const old = ticket({ issuedAt: T0 - 50 * MIN, orderKey: T0 + 99 * MIN });
    const c = chooseNext([walkIn, appt, old], T0 + 2 * MIN, capped, initialRatio(capped))!;
    expect(c.ticket).toBe(old);
    expect(c.reason).toBe('已等候 52 分钟，超过最长等候 45 分钟，优先呼叫');
  });

  it('aging promotes a long-waiting normal ticket into the priority lane', () => {
    const aging = { ...policy, agingMinutes: 20 };
    const old = ticket({ issuedAt: T0 });
    const young = ticket({ issuedAt: T0 + 25 * MIN });
    const c = chooseNext([young, old], T0 + 30 * MIN, aging, { normalSincePriority: 2, priorityRun: 0 })!;
    expect(c.ticket).toBe(old);
    expect(c.reason).toContain('按等候时长提前');
  });

  it('a ticket back from 不持件挂起 goes first in its lane', () => {
    const a = ticket({ issuedAt: T0 });
    const back = ticket({ issuedAt: T0 + 5 * MIN, returning: true });
    expect(chooseNext([a, back], T0 + 6 * MIN, policy, { normalSincePriority: 0, priorityRun: 0 })!.ticket).toBe(back);
  });
});

// A simulated morning: arrivals and calls interleaved, by a generated script.
const step = fc.oneof(
  fc.record({ kind: fc.constant('arrive' as const), priority: fc.boolean(), gapMin: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant('call' as const), gapMin: fc.integer({ min: 0, max: 10 }) }),
);
const policies = fc.record({
  ratioNormal: fc.integer({ min: 1, max: 4 }),
  ratioPriority: fc.integer({ min: 1, max: 3 }),
  agingMinutes: fc.constantFrom(0, 15, 30),
  maxWaitMinutes: fc.constantFrom(0, 20, 45),
});

describe('next-ticket rule: properties', () => {
  it('never calls a ticket twice, honours the cap, and never starves either lane', () => {
    fc.assert(
      fc.property(policies, fc.array(step, { minLength: 1, maxLength: 120 }), (p, script) => {
        let now = T0;
        let waiting: Candidate[] = [];
        const called = new Set<string>();
        let ratio = initialRatio(p);
        let normalRun = 0;
        let priorityRun = 0;
        for (const s of script) {
          now += s.gapMin * MIN;
          if (s.kind === 'arrive') {
            waiting.push(ticket({ issuedAt: now, priorityGroup: s.priority ? '孕妇' : null }));
            continue;
          }
          const c = chooseNext(waiting, now, p, ratio);
          if (waiting.length === 0) {
            expect(c).toBeNull();
            continue;
          }
          expect(c).not.toBeNull();
          const t = c!.ticket;
          expect(waiting).toContain(t);
          expect(called.has(t.id)).toBe(false);
          called.add(t.id);
          // Cap: if anyone is over it, the choice is over it and the longest waiting of those.
          if (p.maxWaitMinutes > 0) {
            const over = waiting.filter((w) => now - w.issuedAt >= p.maxWaitMinutes * MIN);
            if (over.length > 0) {
              expect(c!.lane).toBe('cap');
              expect(now - t.issuedAt).toBe(Math.max(...over.map((w) => now - w.issuedAt)));
            }
          }
          // Ratio (pure lanes, no aging/cap interference): neither lane waits past its share.
          const hasNormal = waiting.some((w) => w.priorityGroup === null);
          const hasPriority = waiting.some((w) => w.priorityGroup !== null);
          if (p.agingMinutes === 0 && p.maxWaitMinutes === 0 && hasNormal && hasPriority) {
            if (c!.lane === 'priority') priorityRun++;
            else normalRun++;
            expect(priorityRun).toBeLessThanOrEqual(p.ratioPriority);
            expect(normalRun).toBeLessThanOrEqual(p.ratioNormal);
            if (c!.lane === 'priority' && priorityRun === p.ratioPriority) normalRun = 0;
            if (c!.lane === 'normal') priorityRun = 0;
          } else {
            normalRun = 0;
            priorityRun = 0;
          }
          ratio = c!.ratio;
          waiting = waiting.filter((w) => w !== t);
        }
      }),
      { numRuns: 300 },
    );
  });
});
