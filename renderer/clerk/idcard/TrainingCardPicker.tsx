import { App, Button, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { describeFailure } from '../../lib/errors';
import { call } from '../../lib/client';

type Fixtures = OutputOf<'idcard.simulator.fixtures'>;

/** 模拟设备 (training): pick a fixture card and place it on, or take it off, the simulated reader. */
export function TrainingCardPicker() {
  const { message } = App.useApp();
  const [data, setData] = useState<Fixtures | null>(null);
  const [chosen, setChosen] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('idcard.simulator.fixtures', {}).then((d) => {
      setData(d);
      setChosen(d.placed ?? d.fixtures[0]?.id);
    }, (e) => message.error(describeFailure(e).message));
  }, [message]);
  const act = async (fn: () => Promise<{ placed: string | null }>) => {
    setBusy(true);
    try {
      const r = await fn();
      setData((d) => (d ? { ...d, placed: r.placed } : d));
    } catch (e) {
      const f = describeFailure(e);
      message.error(f.hint ? `${f.message}${f.hint}` : f.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        aria-label="模拟证件"
        style={{ width: '100%' }}
        value={chosen}
        onChange={setChosen}
        options={(data?.fixtures ?? []).map((f) => ({ value: f.id, label: f.label }))}
        loading={!data}
      />
      <Space>
      <Button type="primary" loading={busy} disabled={!chosen} onClick={() => chosen && act(() => call('idcard.simulator.place', { cardId: chosen }))}>
        放置证件
      </Button>
      <Button disabled={busy || !data?.placed} onClick={() => act(() => call('idcard.simulator.remove', {}))}>
        取走
      </Button>
      </Space>
    </Space>
  );
}
