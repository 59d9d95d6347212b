import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../lib/client';
import { describeFailure } from '../../lib/errors';

/** Sign-in with the platform account; offline, the local verifier answers (see auth-service). */
export function SignInPage(props: { hallName: string; windowNo: number }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; hint?: string } | null>(null);
  const submit = async (v: { login: string; password: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      await call('auth.signIn', v);
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="auth-page">
      <Card className="auth-card" title={`${props.hallName} · ${String(props.windowNo).padStart(2, '0')} 号综合窗口`}>
        <Typography.Paragraph type="secondary">请用政务服务平台分配的本人账号登录。</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="账号" name="login" rules={[{ required: true, message: '请填写账号' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure.message} description={failure.hint} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
