import { Alert, Button, Card, Tabs } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Attachment } from '../../../shared/contract/capture';
import { call, onEvent } from '../../lib/client';
import { describeFailure } from '../../lib/errors';
import { useSettings } from '../../lib/useSettings';
import { CameraCapture } from './CameraCapture';
import { PageStrip } from './PageStrip';
import { ScanControls } from './ScanControls';
import './capture.css';

export interface CapturePanelProps {
  caseId: string;
  materialId: string;
}

/** 材料采集: the pages of one material of a case, captured by 高拍仪 or scanner. */
export function CapturePanel({ caseId, materialId }: CapturePanelProps) {
  const { settings } = useSettings();
  const [all, setAll] = useState<Attachment[]>([]);
  const [failure, setFailure] = useState<{ message: string; hint?: string } | null>(null);
  const [pdfInfo, setPdfInfo] = useState<string | null>(null);

  const reload = useCallback(() => {
    call('attachments.list', { caseId, materialId, includeDeleted: true }).then(setAll, (e: unknown) => setFailure(describeFailure(e)));
  }, [caseId, materialId]);
  useEffect(reload, [reload]);
  useEffect(() => onEvent('attachments.changed', (p) => p.caseId === caseId && p.materialId === materialId && reload()), [caseId, materialId, reload]);

  const pages = all.filter((a) => a.deletedAt === null);
  const deleted = all.filter((a) => a.deletedAt !== null);
  const act = (p: Promise<unknown>) => p.then(reload, (e: unknown) => setFailure(describeFailure(e)));

  const move = (id: string, delta: -1 | 1) => {
    const ids = pages.map((p) => p.id);
    const i = ids.indexOf(id);
    [ids[i], ids[i + delta]] = [ids[i + delta]!, ids[i]!];
    void act(call('attachments.reorder', { caseId, materialId, ids }));
  };
  const makePdf = () =>
    void call('attachments.pdf', { caseId, materialId }).then(
      (r) => setPdfInfo(`已生成 PDF，共 ${r.pages} 页（${Math.round(r.bytes / 1024)} KB）`),
      (e: unknown) => setFailure(describeFailure(e)),
    );

  return (
    <Card size="small" title={`材料采集（${pages.length} 页）`} className="capture-panel" extra={<Button size="small" onClick={makePdf} disabled={pages.length === 0}>生成 PDF</Button>}>
      {failure && <Alert type="error" showIcon closable title={failure.message} description={failure.hint} onClose={() => setFailure(null)} style={{ marginBottom: 8 }} />}
      {pdfInfo && <Alert type="success" showIcon closable title={pdfInfo} onClose={() => setPdfInfo(null)} style={{ marginBottom: 8 }} />}
      <Tabs
        size="small"
        items={[
          { key: 'camera', label: '高拍仪', children: settings ? <CameraCapture caseId={caseId} materialId={materialId} savedDeviceId={settings.devices.camera.deviceId} onStored={reload} /> : null },
          { key: 'scanner', label: '扫描仪', children: <ScanControls caseId={caseId} materialId={materialId} onStored={reload} /> },
        ]}
      />
      <div style={{ marginTop: 8 }}>
        <PageStrip pages={pages} deleted={deleted} onMove={move} onRemove={(id) => void act(call('attachments.remove', { id }))} onRestore={(id) => void act(call('attachments.restore', { id }))} />
      </div>
    </Card>
  );
}
