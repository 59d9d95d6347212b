import { Alert } from 'antd';
import { useRef, useState } from 'react';
import { announcement, type Announcement } from '../../shared/domain/queue/speech';
import { describeFailure } from '../lib/errors';
import { useHallBoard } from '../kiosk/useHallBoard';
import { Announcer } from './announcer';

/** 叫号屏: current call per window, recent calls, waiting counts; calls are announced in turn. */
export function DisplayApp() {
  const [showing, setShowing] = useState<Announcement | null>(null);
  const announcer = useRef<Announcer | null>(null);
  announcer.current ??= new Announcer(setShowing);
  const { board, failure, linkUp } = useHallBoard({
    reloadOn: () => true,
    onEvent: (e) => {
      if (e.event === 'called' && e.ticket.windowNo !== null) announcer.current!.push(announcement(e.ticket.label, e.ticket.windowNo, e.recall));
    },
  });
  const linkDown = !linkUp;

  const f = failure ? describeFailure(failure) : null;
  return (
    <div className="display">
      <header className="display-head">
        <span>{board?.hallName ?? '叫号屏'}</span>
        <span className="display-waiting">
          {board?.waiting.map((w) => (
            <span key={w.category.id} className="display-waiting-item">
              {w.category.name} 等候 <b>{w.count}</b> 人
            </span>
          ))}
        </span>
      </header>
      {(f || linkDown) && <Alert type="warning" showIcon title={f?.message ?? '叫号服务连接中断，正在重新连接…'} description={f?.hint} />}
      <div className={`display-now${showing ? ' display-now-active' : ''}`} aria-live="assertive">
        {showing ? showing.text : board?.recent[0] ? announcement(board.recent[0].label, board.recent[0].windowNo).text : '请取号等候'}
      </div>
      <div className="display-body">
        <section className="display-windows">
          <h2>窗口</h2>
          <div className="display-window-grid">
            {board?.windows.map((w) => (
              <div key={w.windowNo} className={`display-window${w.paused ? ' display-window-paused' : ''}`}>
                <div className="display-window-no">{w.windowNo} 号窗口</div>
                <div className="display-window-ticket">{w.paused ? '暂停服务' : (w.current?.label ?? '—')}</div>
              </div>
            ))}
          </div>
        </section>
        <section className="display-recent">
          <h2>最近呼叫</h2>
          <ol>
            {board?.recent.map((c) => (
              <li key={c.seq}>
                <b>{c.label}</b> → {c.windowNo} 号窗口{c.recall ? '（重呼）' : ''}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
