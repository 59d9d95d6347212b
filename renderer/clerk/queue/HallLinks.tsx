import { Button, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { call } from '../../lib/client';
import { describeFailure } from '../../lib/errors';

/** Where the kiosk and the hall display of this hall service are opened (for setting them up). */
export function HallLinks() {
  const [info, setInfo] = useState<OutputOf<'queue.hallInfo'> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const load = (open: boolean) => {
    if (!open || info) return;
    call('queue.hallInfo', {}).then(setInfo, (e: unknown) => {
      const f = describeFailure(e);
      setFailure(f.hint ? `${f.message}${f.hint}` : f.message);
    });
  };
  const content = info ? (
    <Space direction="vertical" style={{ maxWidth: 420 }}>
      <Typography.Text>{info.mode === 'embedded' ? '本机叫号服务' : '大厅叫号服务'}</Typography.Text>
      <Typography.Link href={info.kioskUrl} target="_blank">
        打开取号机页面
      </Typography.Link>
      <Typography.Link href={info.displayUrl} target="_blank">
        打开叫号屏页面
      </Typography.Link>
      <Typography.Text type="secondary" copyable={{ text: info.displayUrl, tooltips: ['复制叫号屏地址', '已复制'] }}>
        叫号屏地址（含大厅密钥）
      </Typography.Text>
    </Space>
  ) : (
    <Typography.Text type={failure ? 'danger' : 'secondary'}>{failure ?? '正在读取…'}</Typography.Text>
  );
  return (
    <Popover trigger="click" title="取号机与叫号屏" content={content} onOpenChange={load}>
      <Button type="link" size="small" style={{ padding: 0 }}>
        取号机与叫号屏
      </Button>
    </Popover>
  );
}
