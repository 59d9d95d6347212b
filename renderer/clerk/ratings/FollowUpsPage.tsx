import { Alert, Button, Card, Empty, Form, Input, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { FollowUp } from '../../../shared/contract/ratings';
import { gradeLabels, gradeOptions, type Grade } from '../../../shared/domain/rating/grades';
import { call, onEvent } from '../../lib/client';
import { describeFailure } from '../../lib/errors';

const optionLabel = (code: string) => gradeOptions[Number(code[0]) as Grade]?.find((o) => o.code === code)?.label ?? code;

/** 值班长: 差评 follow-ups (回访核实, 整改反馈) of this window. */
export function FollowUpsPage(props: { onClose: () => void }) {
  const [state, setState] = useState<'open' | 'closed'>('open');
  const [items, setItems] = useState<FollowUp[] | null>(null);
  const [failure, setFailure] = useState<{ message: string; hint?: string } | null>(null);
  const [closing, setClosing] = useState<FollowUp | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const load = useCallback(() => {
    call('ratings.followUps', { state }).then(setItems, (e: unknown) => setFailure(describeFailure(e)));
  }, [state]);
  useEffect(() => {
    load();
    return onEvent('ratings.followUpOpened', load);
  }, [load]);
  const close = async ({ note }: { note: string }) => {
    if (!closing) return;
    try {
      await call('ratings.closeFollowUp', { id: closing.id, note });
      setClosing(null);
      form.resetFields();
      load();
    } catch (error) {
      form.setFields([{ name: 'note', errors: [describeFailure(error).message] }]);
    }
  };
  return (
    <main className="workspace">
      <Card
        className="workspace-card"
        title="差评回访"
        extra={
          <Space>
            <Segmented value={state} onChange={(v) => setState(v as 'open' | 'closed')} options={[{ label: '待回访', value: 'open' }, { label: '已办结', value: 'closed' }]} />
            <Button onClick={props.onClose}>返回</Button>
          </Space>
        }
      >
        {failure && <Alert type="error" showIcon title={failure.message} description={failure.hint} />}
        {items && items.length === 0 && <Empty description={state === 'open' ? '没有待回访的差评' : '没有已办结的回访'} />}
        {items && items.length > 0 && (
          <List
            dataSource={items}
            renderItem={(f) => (
              <List.Item actions={f.state === 'open' ? [<Button key="c" type="primary" onClick={() => setClosing(f)}>办结回访</Button>] : []}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Tag color="red">{gradeLabels[f.grade as Grade]}</Tag>
                      <span>办件 {f.caseNo}</span>
                      <span>{String(f.windowNo).padStart(2, '0')} 号窗口 · {f.clerkName}</span>
                      <Typography.Text type="secondary">{new Date(f.openedAt).toLocaleString('zh-CN', { hour12: false })}</Typography.Text>
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={2}>
                      <span>原因：{f.optionCodes.map(optionLabel).join('；') || '未选择'}</span>
                      {f.comment && <span>留言：{f.comment}</span>}
                      {f.state === 'closed' && <span>回访情况（{f.closedBy}）：{f.note}</span>}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Modal title="办结差评回访" open={closing !== null} onCancel={() => setClosing(null)} onOk={() => form.submit()} okText="办结" destroyOnHidden>
        <Form form={form} onFinish={close} layout="vertical">
          <Form.Item label="回访核实与整改情况" name="note" rules={[{ required: true, message: '请填写回访与整改情况' }]}>
            <Input.TextArea rows={4} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </main>
  );
}
