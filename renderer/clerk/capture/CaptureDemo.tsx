import { CapturePanel } from './CapturePanel';

/**
 * `clerk/?capture-demo&case=…&material=…` (a query, not the fragment: the fragment carries the launch token): the panel alone, for e2e tests and for
 * trying a 高拍仪 or scanner on a new machine without opening a case.
 */
export function CaptureDemo() {
  const q = new URLSearchParams(location.search);
  return (
    <div style={{ padding: 16, maxWidth: 1100, margin: '0 auto' }}>
      <CapturePanel caseId={q.get('case') ?? 'DEMO'} materialId={q.get('material') ?? '演示材料'} />
    </div>
  );
}
