import { useEffect, useRef } from 'react';
import { classifyCode, WedgeDetector } from '../../../shared/domain/barcode';
import { onEvent } from '../../lib/client';

export type BarcodeKind = ReturnType<typeof classifyCode>;

/**
 * Codes from either kind of scan gun: keyboard-wedge bursts detected on this window's keys, and
 * serial (USB-COM) codes from the service's `capture.barcode` event.
 */
export function useBarcodeInput(onCode: (code: string, kind: BarcodeKind) => void): void {
  const handler = useRef(onCode);
  useEffect(() => {
    handler.current = onCode;
  }, [onCode]);
  useEffect(() => {
    const wedge = new WedgeDetector();
    const onKey = (e: KeyboardEvent) => {
      const code = wedge.key(e.key, e.timeStamp);
      if (code) handler.current(code, classifyCode(code));
    };
    window.addEventListener('keydown', onKey, true);
    const off = onEvent('capture.barcode', (p) => handler.current(p.code, p.kind));
    return () => {
      window.removeEventListener('keydown', onKey, true);
      off();
    };
  }, []);
}
