import { Button, DatePicker, Form, Input, Modal, Space, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { CaseDetail, DecisionResult } from '../../../shared/contract/cases';
import { call } from '../../lib/client';
import { useSignature } from './customer-screen';

export type Decide = (run: () => Promise<DecisionResult>) => Promise<void>;

/** Why a decision is not possible now, or null: a forbidden decision is disabled with its reason. */
export function blockedReason(d: CaseDetail, action: 'receive' | 'accept' | 'acceptRongque' | 'notifyCorrection' | 'refuse', formErrors: number, partyError: string | null): string | null {
  if (!d.allowedActions.includes(action)) return `办件当前为「${d.statusLabel}」，不能执行此操作`;
  if (d.items.length === 0) return '请先选择办理事项';
  if (partyError && action !== 'refuse') return partyError;
  if (action === 'accept') {
    if (d.summary.missing.length) return `缺少必要材料：${d.summary.missing.join('、')}`;
    if (d.summary.defective.length) return `材料不符合要求：${d.summary.defective.join('、')}`;
    if (d.summary.counts.rongque > 0) return '有容缺材料，请使用「容缺受理」';
    if (formErrors > 0) return `表单还有 ${formErrors} 处需要填写或更正`;
  }
  if (action === 'acceptRongque' && !d.summary.canAcceptRongque) return '只有容缺清单内的材料标记为「容缺」、其余必要材料齐全时才能容缺受理';
  if (action === 'notifyCorrection' && d.summary.missing.length === 0 && d.summary.defective.length === 0) return '材料齐全且符合要求，无需一次性告知';
  return null;
}

/** 受理 / 容缺受理 / 一次性告知 / 不予受理 / 收件, with keys F8 (受理) and the rest on buttons. */
export function DecisionBar(props: { detail: CaseDetail; formErrors: number; partyError: string | null; decide: Decide }) {
  const d = props.detail;
  const [refusing, setRefusing] = useState(false);
  const [rongque, setRongque] = useState(false);
  const reason = (a: Parameters<typeof blockedReason>[1]) => blockedReason(d, a, props.formErrors, props.partyError);
  const button = (a: Parameters<typeof blockedReason>[1], label: string, onClick: () => void, primary = false) => {
    const why = reason(a);
    return (
      <Tooltip title={why} key={a}>
        <Button type={primary ? 'primary' : 'default'} size="large" disabled={why !== null} onClick={onClick} data-action={a}>
          {label}
        </Button>
      </Tooltip>
    );
  };
  return (
    <div className="decision-bar">
      <Space size="middle" wrap>
        {button('accept', '受理（F8）', () => void props.decide(() => call('cases.accept', { caseId: d.id })), true)}
        {button('acceptRongque', '容缺受理', () => setRongque(true))}
        {button('notifyCorrection', '一次性告知', () => void props.decide(() => call('cases.notifyCorrection', { caseId: d.id })))}
        {button('refuse', '不予受理', () => setRefusing(true))}
        {button('receive', '收件（暂不决定）', () => void props.decide(() => call('cases.receive', { caseId: d.id })))}
      </Space>
      <RefuseDialog open={refusing} detail={d} onClose={() => setRefusing(false)} decide={props.decide} />
      <RongqueDialog open={rongque} detail={d} onClose={() => setRongque(false)} decide={props.decide} />
    </div>
  );
}

function RefuseDialog(props: { open: boolean; detail: CaseDetail; onClose: () => void; decide: Decide }) {
  const [reason, setReason] = useState('');
  const [authority, setAuthority] = useState('');
  const [touched, setTouched] = useState(false);
  const tooShort = reason.trim().length < 4;
  return (
    <Modal
      open={props.open}
      title="不予受理"
      okText="确定不予受理并出具决定书"
      cancelText="返回"
      okButtonProps={{ danger: true }}
      onCancel={props.onClose}
      onOk={() => {
        setTouched(true);
        if (tooShort) return;
        void props.decide(() => call('cases.refuse', { caseId: props.detail.id, reason: reason.trim(), ...(authority.trim() ? { competentAuthority: authority.trim() } : {}) })).then(props.onClose);
      }}
    >
      <Form layout="vertical">
        <Form.Item label="不予受理理由" required validateStatus={touched && tooShort ? 'error' : ''} help={touched && tooShort ? '请写明不予受理的理由（至少 4 个字）' : undefined}>
          <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} aria-label="不予受理理由" />
        </Form.Item>
        <Form.Item label="有权受理的机关（不属于本机关职权范围时填写）" extra={props.detail.items.length ? '行政许可法第三十二条：不属于本行政机关职权范围的，应当告知申请人向有关行政机关申请。' : undefined}>
          <Input value={authority} onChange={(e) => setAuthority(e.target.value)} maxLength={100} aria-label="有权受理的机关" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RongqueDialog(props: { open: boolean; detail: CaseDetail; onClose: () => void; decide: Decide }) {
  const [deadline, setDeadline] = useState<dayjs.Dayjs | null>(null);
  const [signed, setSigned] = useState(false);
  const signature = useSignature(props.detail.id, 'rongque');
  // A signature on the customer screen is the signed commitment.
  useEffect(() => {
    if (signature.state === 'signed') setSigned(true);
  }, [signature.state]);
  const owed = props.detail.materials.filter((m) => m.state === 'rongque');
  return (
    <Modal
      open={props.open}
      title="容缺受理"
      okText="确认容缺受理"
      cancelText="返回"
      okButtonProps={{ disabled: !deadline || !signed }}
      onCancel={props.onClose}
      onOk={() => {
        if (!deadline) return;
        void props.decide(() => call('cases.acceptRongque', { caseId: props.detail.id, deadline: deadline.format('YYYY-MM-DD'), commitmentSigned: true })).then(props.onClose);
      }}
    >
      <Typography.Paragraph>容缺材料：{owed.map((m) => `「${m.name}」`).join('、')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="补交期限（不得晚于承诺办结日期）" required>
          <DatePicker value={deadline} onChange={setDeadline} disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isSame(dayjs(), 'day')} aria-label="补交期限" />
        </Form.Item>
        <Form.Item>
          <Space wrap>
            <label>
              <input type="checkbox" checked={signed} onChange={(e) => setSigned(e.target.checked)} aria-label="申请人已签署容缺受理承诺书" /> 申请人已签署《申请容缺受理承诺书》
            </label>
            <Button size="small" onClick={signature.request} loading={signature.state === 'waiting'} disabled={signature.state === 'signed'}>
              {signature.state === 'signed' ? '已在评价屏签名' : signature.state === 'waiting' ? '等待申请人签名…' : '请申请人在评价屏签名'}
            </Button>
            {signature.state === 'failed' && <Typography.Text type="warning">评价屏未连接，请改用纸质承诺书签字。</Typography.Text>}
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
