import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, InputNumber, Modal, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseDocument } from '../../../shared/contract/cases';
import { AppError } from '../../../shared/contract/errors';
import { showInPrintRoot } from './print-root';
import { printDocuments } from './print-documents';
import { DocumentSheets } from './templates';

export interface DocumentPreviewProps {
  documents: CaseDocument[];
  open: boolean;
  onClose(): void;
  /** After the print job was handed over and logged (e.g. to refresh print counts or close). */
  onPrinted?(): void;
}

/** Print preview at 1:1 screen scale, with the number of copies, 打印 and 关闭. */
export function DocumentPreview({ documents, open, onClose, onPrinted }: DocumentPreviewProps) {
  const { message } = App.useApp();
  const [copies, setCopies] = useState(1);
  const [printing, setPrinting] = useState(false);

  // While the preview is open its documents sit in the print container, so Ctrl+P prints them too.
  useEffect(() => (open && documents.length > 0 ? showInPrintRoot(documents, copies) : undefined), [open, documents, copies]);

  const print = async () => {
    setPrinting(true);
    try {
      await printDocuments(documents, copies);
      void message.success(`已发送打印：${documents.map((d) => String(d.content.title ?? '')).join('、')}，每份 ${copies} 份`);
      onPrinted?.();
    } catch (e) {
      const err = e instanceof AppError ? e : null;
      void message.error(err ? `${err.message}${err.hint ? ` ${err.hint}` : ''}` : '打印未完成，请检查打印机后重试。');
    } finally {
      setPrinting(false);
    }
  };

  const titles = documents.map((d) => (
    <Tag key={d.id}>
      {String(d.content.title ?? '')} {d.docNo}
      {d.prints > 0 ? `（已打印 ${d.prints} 次）` : ''}
    </Tag>
  ));
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title="打印预览"
      width={900}
      centered
      destroyOnHidden
      footer={
        <Space>
          <span>份数</span>
          <InputNumber aria-label="份数" min={1} max={10} precision={0} value={copies} onChange={(v) => setCopies(v ?? 1)} style={{ width: 72 }} />
          <Button onClick={onClose}>关闭</Button>
          <Button type="primary" autoFocus icon={<PrinterOutlined />} loading={printing} disabled={documents.length === 0} onClick={() => void print()}>
            打印
          </Button>
        </Space>
      }
    >
      <div style={{ marginBottom: 8 }}>{titles}</div>
      <div className="doc-preview-desk" data-testid="doc-preview">
        {documents.map((d) => (
          <DocumentSheets key={d.id} doc={d} />
        ))}
      </div>
    </Modal>
  );
}
