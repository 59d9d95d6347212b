import { Badge, Drawer, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { IdcardStatus } from '../../../shared/contract/idcard';
import { RecentCardPanel } from './RecentCardPanel';
import { TrainingCardPicker } from './TrainingCardPicker';
import { useIdCardState, useLastCardRead } from './useIdCard';

const driverLabel: Record<IdcardStatus['driver'], string> = { none: '未配置', samSerial: '串口', vendorLibrary: '厂商库', simulator: '模拟设备' };

const stateBadge: Record<IdcardStatus['state'], { status: 'default' | 'success' | 'processing' | 'error'; text: string }> = {
  disconnected: { status: 'default', text: '未连接' },
  ready: { status: 'success', text: '就绪' },
  reading: { status: 'processing', text: '读取中' },
  fault: { status: 'error', text: '故障' },
};

/** The reader's chip in the top bar; a click opens the reader drawer (最近读卡, training cards). */
export function IdCardChip(props: { driver: IdcardStatus['driver'] }) {
  const status = useIdCardState();
  const lastCard = useLastCardRead();
  const [open, setOpen] = useState(false);
  const badge = stateBadge[status?.state ?? 'disconnected'];
  const reason = status?.state === 'fault' && status.message ? `：${status.message}` : '';
  return (
    <>
      <Tooltip title={reason ? `故障${reason}` : '点击查看最近读卡'}>
      <Tag className="idcard-chip" onClick={() => setOpen(true)} role="button" aria-label="身份证读卡器" style={{ cursor: 'pointer' }}>
        <span>身份证读卡器 · {driverLabel[props.driver]}</span>{' '}
        <Badge status={badge.status} text={<span data-testid="idcard-state">{badge.text + reason}</span>} className="idcard-chip-state" />
      </Tag>
      </Tooltip>
      <Drawer title="身份证读卡器" open={open} onClose={() => setOpen(false)} size={460}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type={status?.state === 'fault' ? 'danger' : 'secondary'}>
            状态：{badge.text}
            {reason}
            {status?.state === 'disconnected' && status.message ? `（${status.message}）` : ''}
          </Typography.Text>
          {props.driver === 'simulator' ? (
            <>
              <Typography.Text strong>培训用模拟证件</Typography.Text>
              <TrainingCardPicker />
            </>
          ) : null}
          <RecentCardPanel card={lastCard} />
        </Space>
      </Drawer>
    </>
  );
}
