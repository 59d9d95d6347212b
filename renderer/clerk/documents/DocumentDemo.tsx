import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseDocument } from '../../../shared/contract/cases';
import { call } from '../../lib/client';
import { DocumentPreview } from './DocumentPreview';
import { printDocuments } from './print-documents';

/**
 * `clerk/?document-demo&case=<id>[&doc=<docType>]`: the print preview of a case's documents
 * alone, for e2e tests (page.pdf) and for trying a printer on a new machine.
 */
export function DocumentDemo() {
  const q = new URLSearchParams(location.search);
  const caseId = q.get('case') ?? '';
  const only = q.get('doc');
  const [docs, setDocs] = useState<CaseDocument[]>([]);
  const [error, setError] = useState('');
  const [open, setOpen] = useState(true);
  useEffect(() => {
    call('cases.get', { caseId })
      .then((c) => setDocs(only ? c.documents.filter((d) => d.docType === only) : c.documents))
      .catch((e: Error) => setError(e.message));
  }, [caseId, only]);
  return (
    <div style={{ padding: 16 }}>
      {error && <Alert type="error" title={error} showIcon />}
      <Button onClick={() => setOpen(true)}>打印预览</Button>{' '}
      <Button onClick={() => void printDocuments(docs)}>直接补打</Button>
      <span data-testid="doc-count" style={{ marginLeft: 8 }}>
        文书 {docs.length} 份
      </span>
      <DocumentPreview documents={docs} open={open && docs.length > 0} onClose={() => setOpen(false)} />
    </div>
  );
}
