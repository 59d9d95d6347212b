import { CameraOutlined } from '@ant-design/icons';
import { Button, Drawer, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CaseDetail } from '../../../shared/contract/cases';
import { type MaterialState, materialStateLabels } from '../../../shared/domain/cases/materials';
import { CapturePanel } from '../capture/CapturePanel';

type Row = CaseDetail['materials'][number];
const necessityTag = { required: <Tag color="red">必要</Tag>, conditional: <Tag color="orange">情形</Tag>, optional: <Tag>非必要</Tag> } as const;

/** The states a material may take: 容缺 / 告知承诺 / 免提交 only where the 办事指南 allows them. */
function optionsFor(m: Row): { value: MaterialState; label: string }[] {
  const all: MaterialState[] = ['missing', 'paper', 'electronic', 'paperAndElectronic'];
  if (m.elicenseType) all.push('exempt');
  if (m.allowRongque && m.necessity === 'required') all.push('rongque');
  if (m.allowPromise) all.push('promise');
  all.push('defective');
  return all.map((s) => ({ value: s, label: materialStateLabels[s] }));
}

/** One control per material, the running count, and the capture drawer for scans. */
export function MaterialsChecklist(props: { detail: CaseDetail; readOnly: boolean; onSet: (key: string, state: MaterialState, note?: string) => void; onAllPaper: () => void }) {
  const { detail } = props;
  const [capture, setCapture] = useState<Row | null>(null);
  const c = detail.summary.counts;
  return (
    <div>
      <Space className="materials-summary" wrap>
        <Typography.Text>
          提交电子材料 <b>{c.electronic}</b> 份 · 纸质材料 <b>{c.paper}</b> 份 · 免提交 <b>{c.exempt}</b> 份 · 容缺 <b>{c.rongque}</b> 份 · 告知承诺 <b>{c.promise}</b> 份 · 需整改{' '}
          <b>{c.needFix}</b> 份
        </Typography.Text>
        {detail.summary.missing.length > 0 && <Tag color="error">缺必要材料 {detail.summary.missing.length} 项</Tag>}
        {!props.readOnly && (
          <Button size="small" onClick={props.onAllPaper} title="快捷键 Alt+A">
            必要材料全部已收纸质（Alt+A）
          </Button>
        )}
      </Space>
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={detail.materials}
        rowClassName={(m) => (m.state === 'missing' && m.necessity === 'required' ? 'material-missing' : m.state === 'defective' ? 'material-defective' : '')}
        columns={[
          { title: '材料名称', dataIndex: 'name', render: (n: string, m) => <span>{n}{m.elicenseType ? <Tag color="cyan" style={{ marginLeft: 6 }}>可电子证照</Tag> : null}</span> },
          { title: '要求', width: 80, render: (_, m) => necessityTag[m.necessity] },
          { title: '份数', width: 56, dataIndex: 'copiesRequired' },
          {
            title: '收取情况',
            width: 150,
            render: (_, m) => (
              <Select<MaterialState>
                size="small"
                value={m.state}
                disabled={props.readOnly}
                style={{ width: 130 }}
                aria-label={`${m.name}收取情况`}
                options={optionsFor(m)}
                onChange={(s) => props.onSet(m.key, s)}
              />
            ),
          },
          {
            title: '说明',
            width: 200,
            render: (_, m) =>
              m.state === 'defective' ? (
                <Input size="small" defaultValue={m.note} placeholder="写明不符合之处" disabled={props.readOnly} onBlur={(e) => e.target.value !== m.note && props.onSet(m.key, m.state, e.target.value)} />
              ) : m.state === 'exempt' ? (
                <Typography.Text type="secondary">电子证照待核验</Typography.Text>
              ) : null,
          },
          {
            title: '扫描',
            width: 70,
            render: (_, m) => <Button size="small" icon={<CameraOutlined />} onClick={() => setCapture(m)} aria-label={`扫描${m.name}`} />,
          },
        ]}
      />
      <Drawer open={capture !== null} onClose={() => setCapture(null)} title={capture ? `采集材料：${capture.name}` : ''} size="large" destroyOnHidden>
        {capture && <CapturePanel caseId={detail.id} materialId={capture.key} />}
      </Drawer>
    </div>
  );
}
