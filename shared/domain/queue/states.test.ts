import { describe, expect, it } from 'vitest';
import { allowedActions, ticketActions, ticketStates, transition, type TicketAction, type TicketState } from './states';

// The legal moves, written out independently of the table in states.ts.
const legal: Record<string, TicketState> = {
  'waiting/call': 'called',
  'called/recall': 'called',
  'called/noShow': 'noShow',
  'noShow/requeue': 'waiting',
  'called/start': 'serving',
  'serving/suspend': 'suspended',
  'suspended/resume': 'serving',
  'called/transfer': 'transferred',
  'serving/transfer': 'transferred',
  'suspended/transfer': 'transferred',
  'serving/finish': 'done',
  'waiting/cancel': 'cancelled',
  'called/cancel': 'cancelled',
};

describe('ticket state machine', () => {
  for (const from of ticketStates) {
    for (const action of ticketActions) {
      const key = `${from}/${action}`;
      it(`${key} ${legal[key] ? `→ ${legal[key]}` : 'is refused'}`, () => {
        const r = transition(from, action as TicketAction);
        if (legal[key]) expect(r).toEqual({ ok: true, to: legal[key] });
        else {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.message).toMatch(/^号票当前为“.+”，不能.+。$/);
        }
      });
    }
  }

  it('不持件挂起 resumes into the queue, the other kinds back to serving', () => {
    expect(transition('suspended', 'resume', { suspendKind: 'noMaterial' })).toEqual({ ok: true, to: 'waiting' });
    expect(transition('suspended', 'resume', { suspendKind: 'withMaterial' })).toEqual({ ok: true, to: 'serving' });
    expect(transition('suspended', 'resume', { suspendKind: 'waiting' })).toEqual({ ok: true, to: 'serving' });
  });

  it('final states allow nothing', () => {
    for (const s of ['done', 'transferred', 'cancelled'] as const) expect(allowedActions(s)).toEqual([]);
    expect(allowedActions('called').sort()).toEqual(['cancel', 'noShow', 'recall', 'start', 'transfer']);
  });
});
