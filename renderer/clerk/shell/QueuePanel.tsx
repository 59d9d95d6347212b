import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Dropdown, Space, Spin } from 'antd';
import { useState } from 'react';
import { AppError } from '../../../shared/contract/errors';
import { pauseReasons } from '../../../shared/contract/queue';
import { call } from '../../lib/client';
import { describeFailure } from '../../lib/errors';
import { CurrentTicket } from '../queue/CurrentTicket';
import { HallLinks } from '../queue/HallLinks';
import { QueueKeys } from '../queue/QueueKeys';
import { TransferDialog } from '../queue/TransferDialog';
import { requestId, useQueue } from '../queue/useQueue';
import { WaitingList } from '../queue/WaitingList';

/** Queue column (排队叫号): this window's keys, its ticket, who waits. Walk-ins are served without a ticket. */
export function QueuePanel() {
  const { message } = App.useApp();
  const { status, connection, error, busy, run, refresh } = useQueue();
  const [transferring, setTransferring] = useState(false);
  const paused = status?.window.paused ?? false;
  const failure = error ? describeFailure(error) : null;
  // The window is held by a clerk who did not sign out: a 值班长 (or 管理员) can take it over here.
  const seatTaken = error instanceof AppError && error.code === 'CONFLICT' && error.rule === 'queue.oneClerkPerWindow';
  const takeOver = () =>
    call('queue.takeOverWindow', {}).then(
      () => {
        void message.success('已接管本窗口');
        refresh();
      },
      (e: unknown) => {
        const f = describeFailure(e);
        void message.error(f.hint ? `${f.message}${f.hint}` : f.message, 6);
      },
    );

  const pauseMenu = {
    items: pauseReasons.map((r) => ({ key: r, label: r })),
    onClick: ({ key }: { key: string }) => void run(() => call('queue.pauseWindow', { requestId: requestId(), reason: key as (typeof pauseReasons)[number] }), '已暂停服务'),
  };
  const extra = paused ? (
    <Button size="small" icon={<PlayCircleOutlined />} disabled={busy} onClick={() => void run(() => call('queue.resumeWindow', { requestId: requestId() }), '已恢复服务')}>
      恢复服务
    </Button>
  ) : (
    <Dropdown menu={pauseMenu} disabled={busy || !status || connection?.state === 'offline'}>
      <Button size="small" icon={<PauseCircleOutlined />}>
        暂停
      </Button>
    </Dropdown>
  );

  return (
    <aside className="queue-panel">
      <Card size="small" title="排队叫号" className="queue-card" extra={extra}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {connection?.state === 'offline' && <Alert type="warning" showIcon title="叫号服务连接中断" description="现场来办的群众可直接受理；恢复后自动重连。" />}
          {failure && (
            <Alert
              type="error"
              showIcon
              title={failure.message}
              description={failure.hint}
              action={
                seatTaken && (
                  <Button size="small" danger onClick={() => void takeOver()}>
                    值班长接管
                  </Button>
                )
              }
            />
          )}
          {paused && <Alert type="info" showIcon title={`已暂停服务（${status?.window.pauseReason ?? ''}）`} />}
          <QueueKeys status={status} busy={busy} run={run} onTransfer={() => setTransferring(true)} />
          {status?.current && <CurrentTicket ticket={status.current} />}
          {!status && !failure && <Spin />}
          {status && <WaitingList status={status} busy={busy} run={run} />}
          <HallLinks />
        </Space>
      </Card>
      <TransferDialog open={transferring} status={status} run={run} onClose={() => setTransferring(false)} />
    </aside>
  );
}
