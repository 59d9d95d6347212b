import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CaseDocument } from '../../../shared/contract/cases';
import { DocumentPreview } from '../documents';

/** A case's documents with their print counts; 补打 one or all through the print preview. */
export function CaseDocuments(props: { documents: CaseDocument[]; onPrinted: () => void }) {
  const [previewing, setPreviewing] = useState<CaseDocument[] | null>(null);
  const docs = props.documents;
  if (docs.length === 0) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Space wrap>
      {docs.map((doc) => (
        <Tag key={doc.id} className="case-doc-tag">
          {String(doc.content.title ?? doc.docType)} {doc.docNo}（已打印 {doc.prints} 次）
          <Button size="small" type="link" icon={<PrinterOutlined />} onClick={() => setPreviewing([doc])} aria-label={`补打${String(doc.content.title ?? '')}`}>
            {doc.prints > 0 ? '补打' : '打印'}
          </Button>
        </Tag>
      ))}
      {docs.length > 1 && (
        <Button size="small" icon={<PrinterOutlined />} onClick={() => setPreviewing(docs)}>
          全部打印
        </Button>
      )}
      <DocumentPreview
        documents={previewing ?? []}
        open={previewing !== null}
        onClose={() => setPreviewing(null)}
        onPrinted={() => {
          setPreviewing(null);
          props.onPrinted();
        }}
      />
    </Space>
  );
}
