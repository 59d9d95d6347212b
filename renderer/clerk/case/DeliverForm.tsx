import { App, Button, Card, Checkbox, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import type { CaseDetail, CaseDocument } from '../../../shared/contract/cases';
import { DocumentPreview } from '../documents';
import { call } from '../../lib/client';
import { describeFailure } from '../../lib/errors';
import { useIdCardReads } from '../idcard/useIdCard';
import { askForRating, useSignature } from './customer-screen';
import { checkCertNo } from './party';

/** 出件: the collector's ID card is read (applicant, or an agent with the 委托书), or the result is mailed. */
export function DeliverForm(props: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const { message } = App.useApp();
  const [mode, setMode] = useState<'pickup' | 'mail'>('pickup');
  const [role, setRole] = useState<'applicant' | 'agent'>('applicant');
  const [name, setName] = useState('');
  const [certNo, setCertNo] = useState('');
  const [poa, setPoa] = useState(false);
  const signature = useSignature(props.detail.id, 'deliver');
  const [handover, setHandover] = useState<{ documents: CaseDocument[]; after: CaseDetail } | null>(null);
  const [mail, setMail] = useState({ recipient: props.detail.applicant.name, phone: props.detail.applicant.phone ?? '', address: props.detail.applicant.address ?? '', waybillNo: '' });
  useIdCardReads((card) => {
    setName(card.name);
    setCertNo(card.idNumber);
  });
  const idError = certNo ? checkCertNo({ kind: 'person', name, certType: '111', certNo }).error : undefined;
  // Read the case again: the print count changed after the preview printed.
  const finish = (after: CaseDetail) => void call('cases.get', { caseId: after.id }).then(props.onDone, () => props.onDone(after));
  const submit = () =>
    call('cases.deliver', mode === 'pickup' ? { caseId: props.detail.id, mode, collector: { role, name, certNo }, powerOfAttorneyChecked: poa } : { caseId: props.detail.id, mode, mail }).then(
      (r) => {
        message.success(`已出件：${r.case.caseNo ?? ''}`);
        void askForRating(r.case, 'deliver').then((note) => {
          if (note) void message.info(note);
        });
        // The 领取/邮寄登记 goes through the preview first; the detail refreshes once it is closed.
        if (r.documents.length > 0) setHandover({ documents: r.documents, after: r.case });
        else props.onDone(r.case);
      },
      (e: unknown) => {
        const f = describeFailure(e);
        message.error(f.hint ? `${f.message}${f.hint}` : f.message, 6);
      },
    );
  return (
    <Card size="small" title="出件">
      <Form layout="vertical">
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'pickup' | 'mail')} optionType="button" options={[{ value: 'pickup', label: '窗口领取' }, { value: 'mail', label: '免费寄递' }]} style={{ marginBottom: 12 }} />
        {mode === 'pickup' ? (
          <>
            <Radio.Group value={role} onChange={(e) => setRole(e.target.value as 'applicant' | 'agent')} options={[{ value: 'applicant', label: '申请人本人' }, { value: 'agent', label: '代领' }]} style={{ marginBottom: 8 }} />
            <Space>
              <Form.Item label="领取人姓名（刷身份证自动填入）">
                <Input value={name} onChange={(e) => setName(e.target.value)} aria-label="领取人姓名" />
              </Form.Item>
              <Form.Item label="领取人身份证号" validateStatus={idError ? 'error' : ''} help={idError}>
                <Input value={certNo} onChange={(e) => setCertNo(e.target.value.trim().toUpperCase())} aria-label="领取人身份证号" style={{ width: 220 }} />
              </Form.Item>
            </Space>
            {role === 'agent' && (
              <Form.Item>
                <Checkbox checked={poa} onChange={(e) => setPoa(e.target.checked)}>
                  已核验申请人签署的委托书原件
                </Checkbox>
              </Form.Item>
            )}
          </>
        ) : (
          <Space wrap>
            <Form.Item label="收件人"><Input value={mail.recipient} onChange={(e) => setMail({ ...mail, recipient: e.target.value })} /></Form.Item>
            <Form.Item label="电话"><Input value={mail.phone} onChange={(e) => setMail({ ...mail, phone: e.target.value })} /></Form.Item>
            <Form.Item label="地址"><Input value={mail.address} onChange={(e) => setMail({ ...mail, address: e.target.value })} style={{ width: 320 }} /></Form.Item>
            <Form.Item label="运单号"><Input value={mail.waybillNo} onChange={(e) => setMail({ ...mail, waybillNo: e.target.value })} aria-label="运单号" /></Form.Item>
          </Space>
        )}
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={signature.request} loading={signature.state === 'waiting'} disabled={signature.state === 'signed'}>
            {signature.state === 'signed' ? '领取人已在评价屏签收' : signature.state === 'waiting' ? '等待领取人签名…' : '请领取人在评价屏签收'}
          </Button>
          {signature.state === 'failed' && <span className="text-warning">评价屏未连接，请在领取登记上手写签名。</span>}
        </Space>
        <br />
        <Button
          type="primary"
          onClick={() => void submit()}
          disabled={handover !== null || (mode === 'pickup' ? !name || !certNo || Boolean(idError) || (role === 'agent' && !poa) : !mail.waybillNo)}
        >
          确认出件
        </Button>
      </Form>
      <DocumentPreview
        documents={handover?.documents ?? []}
        open={handover !== null}
        onClose={() => handover && finish(handover.after)}
        onPrinted={() => handover && finish(handover.after)}
      />
    </Card>
  );
}
