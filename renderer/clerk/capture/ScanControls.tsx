import { Alert, Button, Progress, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { Scanner } from '../../../shared/contract/capture';
import { call, onEvent } from '../../lib/client';
import { describeFailure } from '../../lib/errors';

interface Props {
  caseId: string;
  materialId: string;
  onStored(): void;
}

const KIND = { escl: '网络', sane: '本机', naps2: 'TWAIN' } as const;

/** Scanner choice, platen or feeder, and a scan with page-by-page progress. */
export function ScanControls({ caseId, materialId, onStored }: Props) {
  const [scanners, setScanners] = useState<Scanner[] | null>(null);
  const [chosen, setChosen] = useState<number>(0);
  const [source, setSource] = useState<'platen' | 'feeder'>('feeder');
  const [pages, setPages] = useState<number | null>(null);
  const [failure, setFailure] = useState<{ message: string; hint?: string } | null>(null);

  useEffect(() => {
    call('capture.scanners.list', {}).then(setScanners, (e: unknown) => {
      setScanners([]);
      setFailure(describeFailure(e));
    });
  }, []);
  useEffect(
    () =>
      onEvent('capture.progress', (p) => {
        if (p.caseId !== caseId || p.materialId !== materialId) return;
        setPages(p.state === 'scanning' ? p.pages : null);
        if (p.pages > 0) onStored();
      }),
    [caseId, materialId, onStored],
  );

  const scanner = scanners?.[chosen];
  const scan = async () => {
    if (!scanner) return;
    setFailure(null);
    setPages(0);
    try {
      await call('capture.scan', { caseId, materialId, kind: scanner.kind, address: scanner.address, source: scanner.hasFeeder ? source : 'platen' });
    } catch (e) {
      const f = describeFailure(e);
      if (f.message !== '扫描已取消。') setFailure(f);
    } finally {
      setPages(null);
      onStored();
    }
  };

  return (
    <div className="capture-scan">
      <Space wrap>
        <Select
          style={{ width: 260 }}
          loading={scanners === null}
          placeholder="选择扫描仪"
          value={scanner ? chosen : undefined}
          onChange={setChosen}
          options={(scanners ?? []).map((s, i) => ({ value: i, label: `${KIND[s.kind]}：${s.name}` }))}
          notFoundContent="没有找到扫描仪，请在设置中填写扫描仪地址"
        />
        <Select style={{ width: 120 }} value={source} onChange={setSource} disabled={!scanner?.hasFeeder} options={[{ value: 'feeder', label: '进纸器' }, { value: 'platen', label: '平板' }]} />
        {pages === null ? (
          <Button type="primary" disabled={!scanner} onClick={() => void scan()}>
            扫描
          </Button>
        ) : (
          <Button onClick={() => void call('capture.cancel', {})}>取消扫描</Button>
        )}
      </Space>
      {pages !== null && (
        <div className="capture-progress" data-testid="scan-progress">
          <Progress percent={100} status="active" showInfo={false} size="small" />
          正在扫描，已收到 {pages} 页…
        </div>
      )}
      {failure && <Alert style={{ marginTop: 8 }} type="error" showIcon title={failure.message} description={failure.hint} />}
    </div>
  );
}
