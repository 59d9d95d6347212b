import { App, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import type { Settings } from '../../../shared/contract/settings';
import { AppError } from '../../../shared/contract/errors';
import { call } from '../../lib/client';
import { describeFailure } from '../../lib/errors';

type FormValues = Pick<Settings, 'hallCode' | 'hallName' | 'windowNo' | 'clerkName' | 'centralUrl' | 'hallServiceUrl'> & {
  idcardDriver: Settings['devices']['idcard']['driver'];
  idcardPort: string;
};

/** Window settings, saved through the contract; the server's field messages land on the fields. */
export function SettingsPage(props: { settings: Settings; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const s = props.settings;

  const save = async (v: FormValues) => {
    setSaving(true);
    try {
      await call('settings.update', {
        hallCode: v.hallCode,
        hallName: v.hallName,
        windowNo: v.windowNo,
        clerkName: v.clerkName ?? '',
        centralUrl: v.centralUrl ?? '',
        hallServiceUrl: v.hallServiceUrl ?? '',
        devices: { idcard: { ...s.devices.idcard, driver: v.idcardDriver, port: v.idcardPort ?? '' } },
      });
      message.success('设置已保存');
      props.onClose();
    } catch (error) {
      if (error instanceof AppError && error.fields) {
        form.setFields(Object.entries(error.fields).map(([name, msg]) => ({ name: name as keyof FormValues, errors: [msg] })));
      }
      const f = describeFailure(error);
      message.error(f.hint ? `${f.message}${f.hint}` : f.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <main className="workspace">
      <Card title="本窗口设置" className="workspace-card settings-card">
        <Form<FormValues>
          form={form}
          layout="horizontal"
          labelCol={{ span: 6 }}
          wrapperCol={{ span: 14 }}
          initialValues={{ ...s, idcardDriver: s.devices.idcard.driver, idcardPort: s.devices.idcard.port }}
          onFinish={save}
        >
          <Form.Item label="大厅区划代码" name="hallCode" rules={[{ required: true, pattern: /^\d{6}$/, message: '区划代码应为 6 位数字' }]} extra="用于生成受理号的前 6 位">
            <Input maxLength={6} />
          </Form.Item>
          <Form.Item label="大厅名称" name="hallName" rules={[{ required: true, message: '请填写大厅名称' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label="窗口号" name="windowNo" rules={[{ required: true, message: '请填写窗口号' }]}>
            <InputNumber min={1} max={99} precision={0} />
          </Form.Item>
          <Form.Item label="受理人员" name="clerkName">
            <Input maxLength={30} placeholder="显示在顶栏和打印文书上" />
          </Form.Item>
          <Form.Item label="政务服务平台地址" name="centralUrl" extra="留空则办件只保存在本机，待配置后再同步">
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item label="排队叫号服务地址" name="hallServiceUrl" extra="留空则使用本机内置的叫号服务">
            <Input placeholder="http://" />
          </Form.Item>
          <Form.Item label="身份证读卡器" name="idcardDriver">
            <Select
              options={[
                { value: 'samSerial', label: '串口读卡器（SAM 协议）' },
                { value: 'vendorLibrary', label: '厂商动态库' },
                { value: 'simulator', label: '模拟设备（培训用）' },
                { value: 'none', label: '不使用' },
              ]}
            />
          </Form.Item>
          <Form.Item label="读卡器串口" name="idcardPort" extra="留空则自动查找">
            <Input placeholder="/dev/ttyUSB0 或 COM3" />
          </Form.Item>
          <Form.Item wrapperCol={{ offset: 6 }}>
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存
              </Button>
              <Button onClick={props.onClose}>返回</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
    </main>
  );
}
