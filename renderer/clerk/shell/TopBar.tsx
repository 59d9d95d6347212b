import { SettingOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Badge, Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { Settings } from '../../../shared/contract/settings';
import { IdCardChip } from '../idcard/IdCardChip';

/** Hall, window, clerk, platform link and device chips: what a clerk glances at all day. */
export function TopBar(props: { settings: Settings; onOpenSettings?: () => void; extra?: ReactNode }) {
  const { settings } = props;
  const platformConfigured = settings.centralUrl !== '';
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
        <Tooltip title={platformConfigured ? '与政务服务平台的连接状态' : '尚未配置政务服务平台地址，办件保存在本机'}>
          <Badge status={platformConfigured ? 'processing' : 'default'} text={platformConfigured ? '平台：待连接' : '平台：未配置（本机保存）'} />
        </Tooltip>
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
