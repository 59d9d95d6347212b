import { useEffect, useRef, useState } from 'react';
import type { Board, HallEvent } from '../../shared/contract/queue';
import { hallCall, onHallEvents } from './hall-api';

/**
 * The hall board for the kiosk and the display: read once, read again on the events the page
 * cares about and whenever the event socket comes back.
 */
export function useHallBoard(options: { reloadOn: (e: HallEvent) => boolean; onEvent?: (e: HallEvent) => void }) {
  const [board, setBoard] = useState<Board | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [linkUp, setLinkUp] = useState(true);
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const load = () =>
      hallCall('hall.board', {}).then(
        (b) => {
          setBoard(b);
          setFailure(null);
        },
        setFailure,
      );
    void load();
    return onHallEvents(
      (e) => {
        latest.current.onEvent?.(e);
        if (latest.current.reloadOn(e)) void load();
      },
      (up) => {
        setLinkUp(up);
        if (up) void load();
      },
    );
  }, []);
  return { board, failure, setFailure, linkUp };
}
