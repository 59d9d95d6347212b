import { SettingOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import type { Settings } from '../../../shared/contract/settings';
import { IdCardChip } from '../idcard/IdCardChip';
import { SyncBadge } from '../sync/SyncBadge';

/** Hall, window, clerk, platform link and device chips: what a clerk glances at all day. */
export function TopBar(props: { settings: Settings; onOpenSettings?: () => void; extra?: ReactNode }) {
  const { settings } = props;
  return (
    <header className="topbar">
      <Space size="middle" align="center">
        <Typography.Text strong className="topbar-title">
          {settings.hallName}
        </Typography.Text>
        <Tag color="blue" className="topbar-window">
          {String(settings.windowNo).padStart(2, '0')} 号综合窗口
        </Tag>
        <span className="topbar-clerk">受理人：{settings.clerkName || '未填写'}</span>
      </Space>
      <Space size="small" align="center">
        <SyncBadge />
        <IdCardChip driver={settings.devices.idcard.driver} />
        <Tag>高拍仪 · {settings.devices.camera.deviceId ? '已选择' : '未选择'}</Tag>
        {props.extra}
        {props.onOpenSettings && (
          <Button icon={<SettingOutlined />} onClick={props.onOpenSettings} aria-label="设置">
            设置
          </Button>
        )}
      </Space>
    </header>
  );
}
