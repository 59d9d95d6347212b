import { App, Descriptions, Drawer, Input, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { CaseDetail, CaseListRow } from '../../../shared/contract/cases';
import { maskIdNumber } from '../../../shared/domain/redact';
import { call, onEvent } from '../../lib/client';
import { describeFailure } from '../../lib/errors';
import { CaseDocuments } from './CaseDocuments';
import { DeliverForm } from './DeliverForm';

const filters = {
  today: { label: '今日办件', input: { todayOnly: true } },
  pickup: { label: '待出件', input: { status: ['awaitingPickup' as const] } },
  open: { label: '办理中', input: { status: ['accepted' as const, 'departmentAccepted' as const, 'special' as const, 'specialEnded' as const, 'correcting' as const, 'received' as const] } },
  all: { label: '全部', input: {} },
};
type FilterKey = keyof typeof filters;
const levelTag = { ok: null, near: <Tag color="orange">临期</Tag>, overdue: <Tag color="red">逾期</Tag> } as const;

/** Today's cases, search by 受理号 / name / masked ID number, detail with timeline, and 出件. */
export function CasesBrowser(props: { active: boolean }) {
  const { message } = App.useApp();
  const [filter, setFilter] = useState<FilterKey>('today');
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<CaseListRow[]>([]);
  const [total, setTotal] = useState(0);
  const [open, setOpen] = useState<CaseDetail | null>(null);

  const load = useCallback(() => {
    call('cases.list', { ...filters[filter].input, ...(query.trim() ? { query: query.trim() } : {}), limit: 50 }).then(
      (r) => {
        setRows(r.rows);
        setTotal(r.total);
      },
      (e: unknown) => message.error(describeFailure(e).message),
    );
  }, [filter, query, message]);

  useEffect(() => {
    if (props.active) load();
  }, [props.active, load]);
  useEffect(() => onEvent('cases.changed', () => props.active && load()), [props.active, load]);

  const show = (id: string) => call('cases.get', { caseId: id }).then(setOpen, (e: unknown) => message.error(describeFailure(e).message));

  return (
    <div className="cases-browser">
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented value={filter} onChange={(v) => setFilter(v as FilterKey)} options={Object.entries(filters).map(([k, f]) => ({ value: k, label: f.label }))} />
        <Input.Search placeholder="受理号、姓名或身份证号（可输入后 4 位或 330102********1234）" allowClear style={{ width: 420 }} onSearch={setQuery} aria-label="办件查询" />
        <Typography.Text type="secondary">共 {total} 件</Typography.Text>
      </Space>
      <Table<CaseListRow>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={false}
        onRow={(r) => ({ onClick: () => void show(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '受理号', dataIndex: 'caseNo', width: 190, render: (v: string | null) => v ?? <Tag>草稿</Tag> },
          { title: '申请人', dataIndex: 'applicantName', width: 100 },
          { title: '证件号码', dataIndex: 'certNoMasked', width: 170, className: 'mono' },
          { title: '事项', dataIndex: 'itemNames', ellipsis: true },
          { title: '状态', dataIndex: 'statusLabel', width: 90, render: (v: string, r) => <Tag color={r.status === 'awaitingPickup' ? 'gold' : 'blue'}>{v}</Tag> },
          {
            title: '办结期限',
            width: 150,
            render: (_, r) => (r.promiseDue ? <Space size={4}>{r.promiseDue}{r.workingDaysLeft !== null && r.deadlineLevel !== 'overdue' && <span>剩 {r.workingDaysLeft} 个工作日</span>}{r.deadlineLevel && levelTag[r.deadlineLevel]}</Space> : '—'),
          },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} size="large" title={open ? `办件详情 ${open.caseNo ?? ''}` : ''} destroyOnHidden>
        {open && <CaseDetailView detail={open} onChanged={(d) => { setOpen(d); load(); }} />}
      </Drawer>
    </div>
  );
}

function CaseDetailView(props: { detail: CaseDetail; onChanged: (d: CaseDetail) => void }) {
  const d = props.detail;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="状态">{d.statusLabel}</Descriptions.Item>
        <Descriptions.Item label="查询密码">{d.queryPassword ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="申请人">{d.applicant.name}</Descriptions.Item>
        <Descriptions.Item label="证件号码">{d.applicant.certNo ? maskIdNumber(d.applicant.certNo) : '—'}</Descriptions.Item>
        <Descriptions.Item label="经办人">{d.agent ? `${d.agent.name}（${maskIdNumber(d.agent.certNo)}）` : '—'}</Descriptions.Item>
        <Descriptions.Item label="受理人">{d.clerkName}</Descriptions.Item>
        <Descriptions.Item label="事项" span={2}>{d.items.map((i) => i.name).join('、')}</Descriptions.Item>
        <Descriptions.Item label="承诺办结">{d.deadline ? `${d.deadline.due}（${d.deadline.level === 'overdue' ? '已逾期' : `剩 ${d.deadline.left} 个工作日`}${d.deadline.paused ? '，特别程序中计时暂停' : ''}）` : (d.promiseDue ?? '—')}</Descriptions.Item>
        <Descriptions.Item label="申办流水号">{d.platformNo ?? '待平台确认'}</Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>办理过程</Typography.Title>
        <Timeline
          items={d.events.map((e) => ({
            content: (
              <span>
                <b>{e.actionLabel}</b> · {new Date(e.at).toLocaleString('zh-CN', { hour12: false })} · {e.actor}
                {e.note ? ` · ${e.note}` : ''}
              </span>
            ),
          }))}
        />
      </div>
      <div>
        <Typography.Title level={5}>文书</Typography.Title>
        <CaseDocuments documents={d.documents} onPrinted={() => void call('cases.get', { caseId: d.id }).then(props.onChanged)} />
      </div>
      {d.status === 'awaitingPickup' && <DeliverForm detail={d} onDone={props.onChanged} />}
    </Space>
  );
}
