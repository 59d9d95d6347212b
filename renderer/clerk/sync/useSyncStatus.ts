import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/contract/sync';
import { call, onEvent } from '../../lib/client';

/** The platform link as the services see it, live. */
export function useSyncStatus(): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = onEvent('sync.status', (s) => setStatus(s));
    call('sync.status', {}).then(
      (s) => live && setStatus((prev) => prev ?? s),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}
