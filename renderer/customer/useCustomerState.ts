import { useEffect, useState } from 'react';
import type { CustomerState } from '../../shared/contract/customer';
import { call, onEvent } from '../lib/client';

const TRIGGERS = [
  'customer.view',
  'customer.signatureRequested',
  'customer.ratingRequested',
  'customer.signatureDone',
  'customer.ratingDone',
  'settings.changed',
  'auth.changed',
] as const;

/** What this screen should show; re-read on every event that can change it. */
export function useCustomerState(): { state: CustomerState | null; error: unknown } {
  const [state, setState] = useState<CustomerState | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const load = () => call('customer.current', {}).then((s) => (setState(s), setError(null)), setError);
    load();
    const offs = TRIGGERS.map((e) => onEvent(e, load));
    return () => offs.forEach((off) => off());
  }, []);
  return { state, error };
}
