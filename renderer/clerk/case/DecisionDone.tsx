import { Button, Result, Space, Tag } from 'antd';
import type { CaseDetail, CaseDocument } from '../../../shared/contract/cases';

/** After a decision: the case number, the documents to hand over, and on to the next applicant. */
export function DecisionDone(props: { detail: CaseDetail; documents: CaseDocument[]; onNext: () => void }) {
  const d = props.detail;
  return (
    <div className="decision-bar">
      <Result
        status="success"
        title={`${d.statusLabel}\u3000受理号 ${d.caseNo ?? ''}`}
        subTitle={`查询密码 ${d.queryPassword ?? ''}${d.promiseDue ? `\u3000承诺办结日期 ${d.promiseDue}` : ''}`}
        extra={
          <Space wrap>
            {props.documents.map((doc) => (
              <Tag key={doc.id} color="blue">
                {String(doc.content.title ?? doc.docType)} {doc.docNo}
              </Tag>
            ))}
            <Button type="primary" onClick={props.onNext}>
              办理下一件（F9）
            </Button>
          </Space>
        }
      />
    </div>
  );
}
