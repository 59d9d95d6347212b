import { Button, Card, Empty, Space } from 'antd';

/** Queue column; the hall queue service fills it (排队叫号). Walk-ins are served without a ticket. */
export function QueuePanel() {
  return (
    <aside className="queue-panel">
      <Card size="small" title="排队叫号" className="queue-card">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button type="primary" block size="large" disabled title="叫号服务尚未接入">
            叫下一位（F1）
          </Button>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="叫号服务尚未接入，可直接受理现场来办群众" />
        </Space>
      </Card>
    </aside>
  );
}
