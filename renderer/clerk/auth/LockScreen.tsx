import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Session } from '../../../shared/contract/auth';
import { call } from '../../lib/client';
import { describeFailure } from '../../lib/errors';

/**
 * Drawn over the workspace, not instead of it: whatever the clerk was typing stays mounted
 * underneath and is there again after unlocking.
 */
export function LockScreen(props: { session: Session }) {
  const { account, hasPin } = props.session;
  const [by, setBy] = useState<'pin' | 'password'>(hasPin ? 'pin' : 'password');
  const [failure, setFailure] = useState<{ message: string; hint?: string } | null>(null);
  const [form] = Form.useForm<{ secret: string }>();
  const submit = async ({ secret }: { secret: string }) => {
    setFailure(null);
    try {
      await call('auth.unlock', by === 'pin' ? { pin: secret } : { password: secret });
    } catch (error) {
      setFailure(describeFailure(error));
      form.resetFields();
    }
  };
  return (
    <div className="lock-overlay" role="dialog" aria-label="屏幕已锁定">
      <Card className="auth-card">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            <LockOutlined /> 屏幕已锁定
          </Typography.Title>
          <Typography.Text>
            {account?.name}已离开座位。正在办理的内容已保留，解锁后继续。
          </Typography.Text>
          {hasPin && <Segmented block value={by} onChange={(v) => setBy(v as 'pin' | 'password')} options={[{ label: 'PIN', value: 'pin' }, { label: '密码', value: 'password' }]} />}
          <Form form={form} onFinish={submit} layout="vertical" requiredMark={false}>
            <Form.Item label={by === 'pin' ? '解锁 PIN' : '登录密码'} name="secret" rules={[{ required: true, message: by === 'pin' ? '请输入 PIN' : '请输入密码' }]}>
              <Input.Password autoFocus size="large" inputMode={by === 'pin' ? 'numeric' : 'text'} autoComplete="off" />
            </Form.Item>
            {failure && <Alert type="error" showIcon title={failure.message} description={failure.hint} style={{ marginBottom: 16 }} />}
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Button type="primary" htmlType="submit" size="large">
                解锁
              </Button>
              <Button type="link" onClick={() => void call('auth.signOut', {})}>
                换人登录
              </Button>
            </Space>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
