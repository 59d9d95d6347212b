import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueConnection, QueueStatus } from '../../../shared/contract/queue';
import { call, onEvent } from '../../lib/client';
import { describeFailure } from '../../lib/errors';

export type QueueAction = (s: QueueStatus | null) => Promise<QueueStatus>;

/** This window's queue state, kept current by `queue.changed`, and a runner for the clerk's keys. */
export function useQueue() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<QueueStatus | null>(null);
  const [connection, setConnection] = useState<QueueConnection | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const refresh = useCallback(() => {
    call('queue.status', {}).then(
      (s) => {
        setStatus(s);
        setConnection(s.connection);
        setError(null);
      },
      setError,
    );
  }, []);

  useEffect(() => {
    refresh();
    const offs = [onEvent('queue.changed', refresh), onEvent('queue.connection', (c) => setConnection(c)), onEvent('settings.changed', refresh)];
    return () => offs.forEach((off) => off());
  }, [refresh]);

  /** One action at a time: a second press while the first is on its way is ignored. */
  const run = useCallback(
    async (action: QueueAction, done?: string) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      try {
        const s = await action(status);
        setStatus(s);
        setConnection(s.connection);
        if (done) void message.success(done);
      } catch (e) {
        const f = describeFailure(e);
        void message.error(f.hint ? `${f.message}${f.hint}` : f.message, 5);
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [status, message],
  );

  return { status, connection, error, busy, run, refresh };
}

export const requestId = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}${Math.random().toString(36).slice(2)}`).replace(/-/g, '');
