import { Button, Collapse, Empty, List, Tag, Typography } from 'antd';
import type { QueueStatus } from '../../../shared/contract/queue';
import { suspendKindLabel } from '../../../shared/domain/queue/states';
import { call } from '../../lib/client';
import { requestId, type QueueAction } from './useQueue';

const waitedMin = (issuedAt: number) => Math.max(0, Math.floor((Date.now() - issuedAt) / 60_000));

/** Who waits for this window, by category, and the tickets it has suspended. */
export function WaitingList(props: { status: QueueStatus; busy: boolean; run: (a: QueueAction, done?: string) => Promise<void> }) {
  const { status } = props;
  const items = status.waiting.map((g) => ({
    key: g.category.id,
    label: (
      <span>
        {g.category.prefix} · {g.category.name} <Tag color={g.count > 0 ? 'blue' : 'default'}>{g.count} 人</Tag>
      </span>
    ),
    children:
      g.tickets.length === 0 ? (
        <Typography.Text type="secondary">暂无等候</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={g.tickets}
          renderItem={(t) => (
            <List.Item>
              <span>
                <b>{t.label}</b> {t.priorityGroup && <Tag color="orange">{t.priorityGroup}</Tag>}
                {t.appointment && <Tag color="green">预约</Tag>}
              </span>
              <Typography.Text type="secondary">{waitedMin(t.issuedAt)} 分钟</Typography.Text>
            </List.Item>
          )}
        />
      ),
  }));
  return (
    <>
      {status.suspended.length > 0 && (
        <List
          size="small"
          header={<b>挂起中</b>}
          dataSource={status.suspended}
          renderItem={(t) => (
            <List.Item
              actions={[
                <Button key="resume" size="small" disabled={props.busy} onClick={() => void props.run(() => call('queue.resume', { requestId: requestId(), ticketId: t.id }), '已恢复')}>
                  恢复
                </Button>,
              ]}
            >
              {t.label} <Tag>{t.suspendKind ? suspendKindLabel[t.suspendKind] : ''}</Tag>
            </List.Item>
          )}
        />
      )}
      {items.length === 0 ? <Empty description="本窗口未设置办理的业务类别" /> : <Collapse size="small" items={items} defaultActiveKey={items.map((i) => i.key)} />}
    </>
  );
}
