import { Button, Dropdown, Space, Tooltip } from 'antd';
import { useEffect } from 'react';
import type { QueueStatus } from '../../../shared/contract/queue';
import { suspendKindLabel, suspendKinds } from '../../../shared/domain/queue/states';
import { call } from '../../lib/client';
import { requestId, type QueueAction } from './useQueue';

type Run = (action: QueueAction, done?: string) => Promise<void>;

/** The clerk's keys: F1 叫号, F2 重呼, F3 过号, F4 开始办理, F6 办结. */
export function QueueKeys(props: { status: QueueStatus | null; busy: boolean; run: Run; onTransfer: () => void }) {
  const { status, busy, run } = props;
  const current = status?.current ?? null;
  const paused = status?.window.paused ?? false;
  const offline = status?.connection.state === 'offline';
  const canCall = !busy && !current && !paused;
  const called = current?.state === 'called';
  const serving = current?.state === 'serving';

  const callNext = () => run(() => call('queue.callNext', { requestId: requestId() }));
  const recall = () => run(() => call('queue.recall', { requestId: requestId() }));
  const noShow = (requeue: boolean) => run(() => call('queue.noShow', { requestId: requestId(), requeue }), requeue ? '已过号顺延' : '已过号');
  const start = () => run(() => call('queue.start', { requestId: requestId() }));
  // The service links the cases opened for this ticket today.
  const finish = () => run(() => call('queue.finish', { requestId: requestId(), caseNos: [] }), '已办结');

  useEffect(() => {
    const keys: Record<string, () => unknown> = {
      F1: () => canCall && callNext(),
      F2: () => called && recall(),
      F3: () => called && noShow(false),
      F4: () => called && start(),
      F6: () => serving && finish(),
    };
    const onKey = (e: KeyboardEvent) => {
      const fn = keys[e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Tooltip title={offline ? '叫号服务连接中断，恢复后可叫号' : paused ? '本窗口已暂停服务' : current ? '请先处理当前号' : undefined}>
        <Button type="primary" block size="large" disabled={!canCall} onClick={() => void callNext()}>
          叫下一位（F1）
        </Button>
      </Tooltip>
      <Space.Compact block>
        <Button block disabled={busy || !called} onClick={() => void recall()}>
          重呼 F2
        </Button>
        <Dropdown
          disabled={busy || !called}
          menu={{ items: [{ key: 'requeue', label: '过号顺延（插回队列稍后）' }], onClick: () => void noShow(true) }}
        >
          <Button block disabled={busy || !called} onClick={() => void noShow(false)}>
            过号 F3
          </Button>
        </Dropdown>
      </Space.Compact>
      <Space.Compact block>
        <Button block disabled={busy || !called} onClick={() => void start()}>
          开始办理 F4
        </Button>
        <Button block type="primary" ghost disabled={busy || !serving} onClick={() => void finish()}>
          办结 F6
        </Button>
      </Space.Compact>
      <Space.Compact block>
        <Dropdown
          disabled={busy || !serving}
          menu={{
            items: suspendKinds.map((k) => ({ key: k, label: suspendKindLabel[k] })),
            onClick: ({ key }) => void run(() => call('queue.suspend', { requestId: requestId(), kind: key as (typeof suspendKinds)[number] }), '已挂起'),
          }}
        >
          <Button block disabled={busy || !serving}>
            挂起
          </Button>
        </Dropdown>
        <Button block disabled={busy || !current} onClick={props.onTransfer}>
          转移
        </Button>
      </Space.Compact>
    </Space>
  );
}
