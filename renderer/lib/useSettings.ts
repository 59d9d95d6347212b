import { useEffect, useState } from 'react';
import type { Settings } from '../../shared/contract/settings';
import { call, onEvent } from './client';

/** This window's settings, kept current by the `settings.changed` event. */
export function useSettings(): { settings: Settings | null; error: unknown } {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('settings.get', {}).then(setSettings, setError);
    return onEvent('settings.changed', setSettings);
  }, []);
  return { settings, error };
}
