import { AppError, type Envelope, internalErrorPayload, invalidInput, isAppError } from '../../../shared/contract/errors';
import { type HallOpName, hallOps, isHallOp } from '../../../shared/contract/queue';
import type { HallQueue } from './hall-queue';

type Impl = { [K in HallOpName]: (q: HallQueue, input: never) => unknown };

const impl: Impl = {
  'hall.board': (q) => q.board(),
  'hall.issue': (q, i) => q.issue(i),
  'hall.checkIn': (q, i) => q.checkIn(i),
  'hall.addAppointment': (q, i) => q.addAppointment(i),
  'hall.signIn': (q, i) => q.signIn(i),
  'hall.window': (q, i) => q.windowStatus(i),
  'hall.callNext': (q, i) => q.callNext(i),
  'hall.recall': (q, i) => q.recall(i),
  'hall.noShow': (q, i) => q.noShow(i),
  'hall.start': (q, i) => q.start(i),
  'hall.finish': (q, i) => q.finish(i),
  'hall.transfer': (q, i) => q.transfer(i),
  'hall.suspend': (q, i) => q.suspend(i),
  'hall.resume': (q, i) => q.resume(i),
  'hall.cancel': (q, i) => q.cancel(i),
  'hall.pause': (q, i) => q.pause(i),
  'hall.unpause': (q, i) => q.unpause(i),
  'hall.stats': (q) => q.stats(),
};

/** The hall API's one entry: validate, run, validate the answer; never a bare exception. */
export function dispatchHall(queue: HallQueue, op: string, raw: unknown, onInternal?: (op: string, e: unknown) => void): Envelope<unknown> {
  if (!isHallOp(op)) {
    return { ok: false, error: new AppError('UNKNOWN_METHOD', '叫号服务没有这个功能。', { hint: '请升级客户端或叫号服务，使两者版本一致。' }).toPayload() };
  }
  const spec = hallOps[op];
  const parsed = spec.input.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error.issues).toPayload() };
  try {
    const value = (impl[op] as (q: HallQueue, i: unknown) => unknown)(queue, parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      onInternal?.(op, new Error(`output of ${op} failed its schema`));
      return { ok: false, error: internalErrorPayload };
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: error.toPayload() };
    onInternal?.(op, error);
    return { ok: false, error: internalErrorPayload };
  }
}
