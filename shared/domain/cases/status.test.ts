import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { allowedActions, caseActions, caseStatuses, canTransition, nextStatus, statusCodeFor } from './status';

describe('case state machine', () => {
  const expected: Record<string, string[]> = {
    draft: ['receive', 'accept', 'acceptRongque', 'notifyCorrection', 'refuse'],
    received: ['accept', 'acceptRongque', 'notifyCorrection', 'refuse', 'withdraw'],
    withdrawn: [],
    accepted: ['withdraw', 'departmentAccept', 'conclude'],
    refused: [],
    correcting: ['correctionReceived', 'withdraw'],
    corrected: ['accept', 'acceptRongque', 'refuse', 'withdraw'],
    departmentAccepted: ['withdraw', 'specialStart', 'conclude'],
    special: ['specialEnd'],
    specialEnded: ['specialStart', 'conclude'],
    awaitingPickup: ['deliver'],
    delivered: [],
  };

  it('allows exactly the listed transitions from every status', () => {
    for (const s of caseStatuses) expect(allowedActions(s), s).toEqual(expected[s]);
  });

  it('refuses every other pair with a typed error naming the rule', () => {
    let refused = 0;
    for (const s of caseStatuses)
      for (const a of caseActions) {
        if (canTransition(s, a)) continue;
        refused++;
        try {
          nextStatus(s, a);
          expect.unreachable();
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).rule).toBe('case.transition');
          expect((e as AppError).message).toMatch(/不能执行/);
        }
      }
    expect(refused).toBeGreaterThan(100);
  });

  it('leads to the right status and national code', () => {
    expect(nextStatus('draft', 'accept')).toBe('accepted');
    expect(nextStatus('received', 'notifyCorrection')).toBe('correcting');
    expect(nextStatus('special', 'specialEnd')).toBe('specialEnded');
    expect(nextStatus('specialEnded', 'conclude')).toBe('awaitingPickup');
    expect(statusCodeFor('withdraw', 'received')).toBe(2);
    expect(statusCodeFor('withdraw', 'accepted')).toBe(14);
    expect(statusCodeFor('conclude', 'accepted', 13)).toBe(13);
    expect(statusCodeFor('refuse', 'draft')).toBe(5);
  });

  it('does not allow a second 一次性告知 after 补正', () => {
    expect(() => nextStatus('corrected', 'notifyCorrection')).toThrow(/不能执行「一次性告知」/);
  });
});
