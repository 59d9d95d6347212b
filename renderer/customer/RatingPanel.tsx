import { Alert, Button, Checkbox, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { type RatingRequest, serviceStepLabels } from '../../shared/contract/customer';
import { type Grade, gradeLabels, gradeOptions, gradePlainLabels, isBadGrade } from '../../shared/domain/rating/grades';
import { call } from '../lib/client';
import { describeFailure } from '../lib/errors';

const GRADES: Grade[] = [5, 4, 3, 2, 1];

/** 一次一评: five grades, the national option list of the chosen grade, an optional comment. */
export function RatingPanel(props: { request: RatingRequest; plain: boolean; onThanks: () => void }) {
  const [grade, setGrade] = useState<Grade | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<{ message: string; hint?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (skip: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      if (skip || grade === null) await call('customer.skipRating', { requestId: props.request.requestId });
      else await call('customer.submitRating', { requestId: props.request.requestId, grade, optionCodes: codes, comment });
      props.onThanks();
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };
  const step = serviceStepLabels[props.request.serviceStep];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {props.plain ? `刚才的${step}，您觉得怎么样？` : `请对本次${step}服务进行评价`}
      </Typography.Title>
      <div className="grade-row" role="radiogroup" aria-label="评价等级">
        {GRADES.map((g) => (
          <button
            key={g}
            type="button"
            role="radio"
            aria-checked={grade === g}
            className={`grade-button${grade === g ? ' selected' : ''}${isBadGrade(g) ? ' bad' : ''}`}
            onClick={() => {
              setGrade(g);
              setCodes([]);
              setFailure(null);
            }}
          >
            <span className="grade-stars">{'★'.repeat(g)}</span>
            <span>{props.plain ? gradePlainLabels[g] : gradeLabels[g]}</span>
          </button>
        ))}
      </div>
      {grade !== null && (
        <>
          <Typography.Text strong>{isBadGrade(grade) ? (props.plain ? '哪里让您不满意？（至少选一项）' : '请选择不满意的原因（至少一项）') : '您满意的方面（可选）'}</Typography.Text>
          <Checkbox.Group className="grade-options" value={codes} onChange={(v) => (setCodes(v), setFailure(null))} options={gradeOptions[grade].map((o) => ({ label: o.label, value: o.code }))} />
          <Input.TextArea rows={2} maxLength={500} placeholder={props.plain ? '还想说点什么（可以不写）' : '其他意见或建议（选填）'} value={comment} onChange={(e) => setComment(e.target.value)} />
        </>
      )}
      {failure && <Alert type="error" showIcon title={failure.message} description={failure.hint} />}
      <Space size="large">
        <Button type="primary" size="large" disabled={grade === null} loading={busy} onClick={() => void submit(false)}>
          提交评价
        </Button>
        <Button size="large" disabled={busy} onClick={() => void submit(true)}>
          暂不评价
        </Button>
      </Space>
    </Space>
  );
}
