import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { pinSchema, roleLabels, type Session } from '../../../shared/contract/auth';
import { call } from '../../lib/client';
import { describeFailure } from '../../lib/errors';

/** The signed-in person in the top bar: lock now, set a PIN, sign out. */
export function SessionMenu(props: { session: Session }) {
  const { account, mode } = props.session;
  const { message } = App.useApp();
  const [pinOpen, setPinOpen] = useState(false);
  const [form] = Form.useForm<{ pin: string }>();
  if (!account) return null;
  const savePin = async ({ pin }: { pin: string }) => {
    try {
      await call('auth.setPin', { pin });
      setPinOpen(false);
      form.resetFields();
      void message.success('解锁 PIN 已设置');
    } catch (error) {
      form.setFields([{ name: 'pin', errors: [describeFailure(error).message] }]);
    }
  };
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'lock', icon: <LockOutlined />, label: '锁定屏幕', onClick: () => void call('auth.lock', {}) },
            { key: 'pin', label: '设置解锁 PIN', onClick: () => setPinOpen(true) },
            { key: 'out', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void call('auth.signOut', {}) },
          ],
        }}
      >
        <Button icon={<UserOutlined />} aria-label="当前人员">
          {account.name} · {roleLabels[account.role]}
          {mode === 'offline' ? '（离线）' : ''}
        </Button>
      </Dropdown>
      <Modal title="设置解锁 PIN" open={pinOpen} onCancel={() => setPinOpen(false)} onOk={() => form.submit()} okText="保存" destroyOnHidden>
        <Form form={form} onFinish={savePin} layout="vertical">
          <Form.Item
            label="PIN（4–6 位数字，只用于解锁本机屏幕）"
            name="pin"
            rules={[{ validator: (_r, v: string) => (pinSchema.safeParse(v ?? '').success ? Promise.resolve() : Promise.reject(new Error('PIN 为 4–6 位数字'))) }]}
          >
            <Input.Password inputMode="numeric" maxLength={6} autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
