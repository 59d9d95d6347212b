import { Form, InputNumber, Modal, Select } from 'antd';
import type { QueueStatus } from '../../../shared/contract/queue';
import { call } from '../../lib/client';
import { requestId, type QueueAction } from './useQueue';

interface Values {
  toCategoryId?: string;
  toWindowNo?: number;
}

/** 转移: to another category and/or a named window; the citizen keeps the number. */
export function TransferDialog(props: { open: boolean; status: QueueStatus | null; onClose: () => void; run: (a: QueueAction, done?: string) => Promise<void> }) {
  const [form] = Form.useForm<Values>();
  const categories = props.status?.waiting.map((w) => w.category) ?? [];
  return (
    <Modal
      title={`转移 ${props.status?.current?.label ?? ''}`}
      open={props.open}
      okText="转移"
      cancelText="取消"
      destroyOnHidden
      onCancel={props.onClose}
      onOk={() =>
        void form.validateFields().then(async (v) => {
          await props.run(
            () =>
              call('queue.transfer', {
                requestId: requestId(),
                ...(v.toCategoryId ? { toCategoryId: v.toCategoryId } : {}),
                ...(v.toWindowNo ? { toWindowNo: v.toWindowNo } : {}),
              }),
            '已转移，群众保留原号',
          );
          props.onClose();
        })
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="toCategoryId" label="转到业务类别">
          <Select allowClear placeholder="不变" options={categories.map((c) => ({ value: c.id, label: `${c.prefix} · ${c.name}` }))} />
        </Form.Item>
        <Form.Item
          name="toWindowNo"
          label="指定窗口"
          dependencies={['toCategoryId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v) => (v || getFieldValue('toCategoryId') ? Promise.resolve() : Promise.reject(new Error('请选择业务类别或填写窗口号'))),
            }),
          ]}
        >
          <InputNumber min={1} max={999} style={{ width: '100%' }} placeholder="任意窗口" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
