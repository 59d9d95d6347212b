import { useEffect, useState } from 'react';
import type { Session } from '../../../shared/contract/auth';
import { call, onEvent } from '../../lib/client';

/** The window's sign-in state, as the service holds it (a reload cannot skip it). */
export function useSession(): { session: Session | null; error: unknown } {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('auth.session', {}).then(setSession, setError);
    return onEvent('auth.changed', setSession);
  }, []);
  return { session, error };
}
