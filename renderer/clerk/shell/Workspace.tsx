import { FileAddOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';

/** The main workspace: the acceptance flow lives here. */
export function Workspace() {
  return (
    <main className="workspace">
      <Card className="workspace-card">
        <Result
          icon={<FileAddOutlined />}
          title="等待办件"
          subTitle="叫号或刷身份证后开始受理；也可以直接新建办件。"
          extra={
            <Button type="primary" size="large" disabled title="受理功能尚未接入">
              新建办件（F2）
            </Button>
          }
        />
      </Card>
    </main>
  );
}
