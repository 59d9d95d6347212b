import { useEffect, useRef, useState } from 'react';
import type { CardReadPayload, IdcardStatus } from '../../../shared/contract/idcard';
import { call, onEvent } from '../../lib/client';

/** The reader's state for the top bar; asking for it also starts the reader. */
export function useIdCardState(): IdcardStatus | null {
  const [status, setStatus] = useState<IdcardStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = onEvent('idcard.state', (s) => setStatus(s));
    call('idcard.status', {}).then(
      (s) => live && setStatus((prev) => prev ?? s),
      () => live && setStatus({ driver: 'none', state: 'fault', message: '无法查询读卡器状态', photoDecoder: false }),
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}

/** Calls `onCard` once per card placed on the reader (the latest callback, without resubscribing). */
export function useIdCardReads(onCard: (card: CardReadPayload) => void): void {
  const latest = useRef(onCard);
  useEffect(() => {
    latest.current = onCard;
  });
  useEffect(() => onEvent('idcard.cardRead', (card) => latest.current(card)), []);
}

/** The most recent card read in this window, for the 最近读卡 preview. */
export function useLastCardRead(): CardReadPayload | null {
  const [card, setCard] = useState<CardReadPayload | null>(null);
  useIdCardReads(setCard);
  return card;
}
