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

type OnInternal = (op: string, e: unknown) => void;

/** The hall API's one entry: validate, run, validate the answer; never a bare exception. */
export function dispatchHall(queue: HallQueue, op: string, raw: unknown, onInternal?: OnInternal): Envelope<unknown> {
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
    return failure(op, error, onInternal);
  }
}

function failure(op: string, error: unknown, onInternal?: OnInternal): Envelope<never> {
  if (isAppError(error)) return { ok: false, error: error.toPayload() };
  onInternal?.(op, error);
  return { ok: false, error: internalErrorPayload };
}

/** Window operations whose answer is the window's status once the change is made. */
const statusOps: ReadonlySet<string> = new Set<HallOpName>([
  'hall.callNext',
  'hall.recall',
  'hall.noShow',
  'hall.start',
  'hall.finish',
  'hall.transfer',
  'hall.suspend',
  'hall.resume',
  'hall.cancel',
  'hall.pause',
  'hall.unpause',
]);

/**
 * A group commit's operations, in order, inside the caller's transaction. Window operations are
 * applied first and answered afterwards with the window's status as the whole batch left it
 * (`hall.window`, same schema), read in one readPhase so that windows serving the same lanes
 * share one reading of the queue.
 */
export function dispatchHallBatch(queue: HallQueue, items: readonly { op: string; input: unknown }[], onInternal?: OnInternal): Envelope<unknown>[] {
  const applied = items.map(({ op, input }): Envelope<unknown> | { windowNo: number; clerk: string } => {
    if (!statusOps.has(op)) return dispatchHall(queue, op, input, onInternal);
    const parsed = hallOps[op as HallOpName].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error.issues).toPayload() };
    try {
      queue.effectOnly(() => (impl[op as HallOpName] as (q: HallQueue, i: unknown) => unknown)(queue, parsed.data));
    } catch (error) {
      return failure(op, error, onInternal);
    }
    const { windowNo, clerk } = parsed.data as { windowNo: number; clerk: string };
    return { windowNo, clerk };
  });
  return queue.readPhase(() => applied.map((a) => ('ok' in a ? a : dispatchHall(queue, 'hall.window', a, onInternal))));
}
