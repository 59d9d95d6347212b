import { Alert, Button, Input, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Issued } from '../../shared/contract/queue';
import { describeFailure } from '../lib/errors';
import { hallCall, newRequestId } from './hall-api';
import { useHallBoard } from './useHallBoard';
import { TicketSlip } from './TicketSlip';

const BACK_TO_START_MS = 20_000;

/** 自助取号: touch-sized category buttons, optional priority group, appointment check-in. */
export function KioskApp() {
  const { board, failure, setFailure } = useHallBoard({ reloadOn: (e) => e.event === 'changed' });
  const [group, setGroup] = useState<string | null>(null);
  const [checkIn, setCheckIn] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);

  useEffect(() => {
    if (!issued) return;
    // The slip prints once it is on the page; then the kiosk returns to its start screen.
    const print = setTimeout(() => window.print(), 50);
    const back = setTimeout(() => setIssued(null), BACK_TO_START_MS);
    return () => {
      clearTimeout(print);
      clearTimeout(back);
    };
  }, [issued]);

  const run = async (fn: () => Promise<Issued>) => {
    setBusy(true);
    setFailure(null);
    try {
      setIssued(await fn());
      setGroup(null);
      setCheckIn(false);
      setCode('');
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  // One request id per press: a retry after a lost answer never prints a second number.
  const take = (categoryId: string) => run(() => hallCall('hall.issue', { requestId: newRequestId(), categoryId, priorityGroup: group }));
  const signIn = () => {
    const v = code.trim().toUpperCase();
    const isId = /^\d{17}[\dX]$/.test(v);
    return run(() => hallCall('hall.checkIn', isId ? { requestId: newRequestId(), idNo: v } : { requestId: newRequestId(), code: v }));
  };

  if (issued) {
    return (
      <div className="kiosk">
        <TicketSlip issued={issued} />
        <Button size="large" className="kiosk-back" onClick={() => setIssued(null)}>
          返回
        </Button>
      </div>
    );
  }
  const f = failure ? describeFailure(failure) : null;
  return (
    <div className="kiosk">
      <Typography.Title level={1} className="kiosk-title">
        {board ? `${board.hallName} · 自助取号` : '自助取号'}
      </Typography.Title>
      {f && <Alert type="error" showIcon className="kiosk-alert" title={f.message} description={f.hint} />}
      {!board && !failure && <Spin size="large" />}
      {board && !checkIn && (
        <>
          <div className="kiosk-categories">
            {board.categories.map((c) => {
              const waiting = board.waiting.find((w) => w.category.id === c.id)?.count ?? 0;
              return (
                <Button key={c.id} type="primary" className="kiosk-category" disabled={busy} onClick={() => void take(c.id)}>
                  <span className="kiosk-category-name">{c.name}</span>
                  <span className="kiosk-category-waiting">前面等候 {waiting} 人</span>
                </Button>
              );
            })}
          </div>
          <div className="kiosk-priority">
            <span>优先群体请先选择：</span>
            <Space wrap>
              {board.priorityGroups.map((g) => (
                <Button key={g} size="large" type={group === g ? 'primary' : 'default'} onClick={() => setGroup(group === g ? null : g)}>
                  {g}
                </Button>
              ))}
            </Space>
          </div>
          <Button size="large" className="kiosk-checkin" onClick={() => setCheckIn(true)}>
            预约签到
          </Button>
        </>
      )}
      {board && checkIn && (
        <Result
          title="预约签到"
          subTitle="请输入预约码，或输入身份证号码"
          extra={
            <Space direction="vertical" size="large" style={{ width: 520 }}>
              <Input size="large" aria-label="预约码或身份证号" value={code} maxLength={18} onChange={(e) => setCode(e.target.value)} onPressEnter={() => void signIn()} />
              <Space>
                <Button size="large" type="primary" disabled={busy || code.trim() === ''} onClick={() => void signIn()}>
                  签到取号
                </Button>
                <Button size="large" onClick={() => setCheckIn(false)}>
                  返回
                </Button>
              </Space>
            </Space>
          }
        />
      )}
    </div>
  );
}
