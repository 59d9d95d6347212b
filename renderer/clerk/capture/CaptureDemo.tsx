import { Tag } from 'antd';
import { useState } from 'react';
import { CapturePanel } from './CapturePanel';
import { type BarcodeKind, useBarcodeInput } from './useBarcodeInput';

const KIND_LABEL: Record<BarcodeKind, string> = { appointment: '预约码', licence: '电子证照码', url: '网址二维码', other: '条码' };

/**
 * `clerk/?capture-demo&case=…&material=…` (a query, not the fragment: the fragment carries the
 * launch token): the panel alone plus the last scanned code, for e2e tests and for trying a
 * 高拍仪, scanner or scan gun on a new machine without opening a case.
 */
export function CaptureDemo() {
  const q = new URLSearchParams(location.search);
  const [last, setLast] = useState<{ code: string; kind: BarcodeKind } | null>(null);
  useBarcodeInput((code, kind) => setLast({ code, kind }));
  return (
    <div style={{ padding: 16, maxWidth: 1100, margin: '0 auto' }}>
      <div style={{ marginBottom: 8 }} data-testid="last-barcode">
        最近扫码：{last ? <Tag color="blue">{KIND_LABEL[last.kind]}</Tag> : '无'}
        {last?.code}
      </div>
      <CapturePanel caseId={q.get('case') ?? 'DEMO'} materialId={q.get('material') ?? '演示材料'} />
    </div>
  );
}
