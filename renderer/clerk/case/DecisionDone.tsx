import { PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseDetail, CaseDocument } from '../../../shared/contract/cases';
import { DocumentPreview } from '../documents';

/**
 * After a decision: the case number, the documents to hand over, and on to the next applicant.
 * The print preview opens by itself with 打印 focused, so Enter prints what the applicant takes
 * away; F10 opens it again.
 */
export function DecisionDone(props: { detail: CaseDetail; documents: CaseDocument[]; onNext: () => void }) {
  const d = props.detail;
  const [previewOpen, setPreviewOpen] = useState(props.documents.length > 0);
  const [printed, setPrinted] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F10' && props.documents.length > 0) {
        e.preventDefault();
        setPreviewOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.documents.length]);
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
            {props.documents.length > 0 && (
              <Button icon={<PrinterOutlined />} onClick={() => setPreviewOpen(true)}>
                {printed ? '再次打印（F10）' : '打印文书（F10）'}
              </Button>
            )}
            <Button type="primary" onClick={props.onNext}>
              办理下一件（F9）
            </Button>
          </Space>
        }
      />
      <DocumentPreview
        documents={props.documents}
        open={previewOpen}
        onClose={() => setPreviewOpen(false)}
        onPrinted={() => {
          setPrinted(true);
          setPreviewOpen(false);
        }}
      />
    </div>
  );
}
