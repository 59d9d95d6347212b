import { UserOutlined } from '@ant-design/icons';
import { Alert, Avatar, Card, Spin, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type CustomerView, signaturePurposeLabels } from '../../shared/contract/customer';
import { call } from '../lib/client';
import { describeFailure } from '../lib/errors';
import { RatingPanel } from './RatingPanel';
import { SignaturePad } from './SignaturePad';
import { useCustomerState } from './useCustomerState';

type CaseView = Extract<CustomerView, { kind: 'case' }>;

/** The applicant's side of the window: who serves them, what is being done, sign and rate. */
export function CustomerApp() {
  const { state, error } = useCustomerState();
  const [large, setLarge] = useState(true);
  const [plain, setPlain] = useState(false);
  const [thanks, setThanks] = useState(false);
  useEffect(() => {
    if (!thanks) return;
    const t = window.setTimeout(() => setThanks(false), 5000);
    return () => window.clearTimeout(t);
  }, [thanks]);
  if (error && !state) {
    const f = describeFailure(error);
    return <Alert type="error" showIcon title={f.message} description={f.hint} style={{ margin: 24 }} />;
  }
  if (!state) return <Spin size="large" fullscreen />;
  const windowLabel = `${String(state.windowNo).padStart(2, '0')} 号窗口`;
  let body;
  // A new request from the clerk wins over the thank-you note.
  if (state.rating) {
    body = <RatingPanel key={state.rating.requestId} request={state.rating} plain={plain} onThanks={() => setThanks(true)} />;
  } else if (state.signature) {
    const purpose = signaturePurposeLabels[state.signature.purpose];
    body = (
      <>
        <Typography.Title level={2}>{plain ? `请在下面方框里写上您的名字（${purpose}）` : `请在下方签名：${purpose}`}</Typography.Title>
        <SignaturePad key={state.signature.requestId} onDone={async (dataUrl) => void (await call('customer.submitSignature', { requestId: state.signature!.requestId, dataUrl }))} />
      </>
    );
  } else if (thanks) {
    body = <Typography.Title className="customer-thanks">感谢您的评价！</Typography.Title>;
  } else if (state.view.kind === 'case') {
    body = <CasePanel view={state.view} plain={plain} />;
  } else {
    body = (
      <div className="customer-idle">
        <Typography.Title>欢迎办理业务</Typography.Title>
        <Avatar size={120} icon={<UserOutlined />} aria-label="工作人员照片" />
        <Typography.Title level={2}>
          {windowLabel} · {state.clerkName || '工作人员'}为您服务
        </Typography.Title>
        <Typography.Paragraph className="customer-promise">服务承诺：{state.servicePromise}</Typography.Paragraph>
      </div>
    );
  }
  return (
    <div className={`customer-frame${large ? ' large' : ''}`}>
      <header className="customer-header">
        <span>
          {state.hallName} · {windowLabel}
        </span>
        <span className="customer-switches">
          <label>
            大字 <Switch checked={large} onChange={setLarge} aria-label="大字" />
          </label>
          <label>
            通俗说明 <Switch checked={plain} onChange={setPlain} aria-label="通俗说明" />
          </label>
        </span>
      </header>
      <Card className="customer-card">{body}</Card>
    </div>
  );
}

function CasePanel(props: { view: CaseView; plain: boolean }) {
  const { view, plain } = props;
  return (
    <div className="customer-case">
      <Typography.Title level={2}>{plain ? `${view.applicantName}，您好，这是正在为您办的事` : `申请人：${view.applicantName}`}</Typography.Title>
      <Typography.Paragraph>
        证件号码：<span className="customer-id">{view.idNumberMasked}</span>
      </Typography.Paragraph>
      {view.caseNo && <Typography.Paragraph>{plain ? '办件编号（查询进度用）' : '受理号'}：{view.caseNo}</Typography.Paragraph>}
      <Typography.Title level={3}>{plain ? '您要办的事' : '办理事项'}</Typography.Title>
      <ul>
        {view.items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      {view.materials.length > 0 && (
        <>
          <Typography.Title level={3}>{plain ? '您交的材料' : '材料核验'}</Typography.Title>
          <ul className="customer-materials">
            {view.materials.map((m) => (
              <li key={m.name}>
                {m.name} <Tag>{m.state}</Tag>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.decision && (
        <Typography.Title level={3}>
          {plain ? '办理结果' : '办理意见'}：{view.decision}
        </Typography.Title>
      )}
    </div>
  );
}
