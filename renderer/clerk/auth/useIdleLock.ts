import { useEffect } from 'react';
import { call } from '../../lib/client';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Locks the screen after `minutes` without keyboard, mouse or touch (0 = never). */
export function useIdleLock(minutes: number, active: boolean): void {
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let timer = 0;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void call('auth.lock', {}).catch(() => undefined), minutes * 60_000);
    };
    arm();
    for (const e of ACTIVITY) window.addEventListener(e, arm, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, arm);
    };
  }, [minutes, active]);
}
