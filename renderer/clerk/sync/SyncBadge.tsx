import { Badge, Button, Drawer, Empty, List, Progress, Space, Tag, Tooltip, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { SyncProblem, SyncStatus } from '../../../shared/contract/sync';
import { call } from '../../lib/client';
import { describeFailure } from '../../lib/errors';
import { useSyncStatus } from './useSyncStatus';

const hhmm = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false }) : '—');

function label(s: SyncStatus | null): { status: 'default' | 'success' | 'warning' | 'error'; text: string } {
  if (!s || s.state === 'off') return { status: 'default', text: '平台：未配置（本机保存）' };
  const pending = s.pending > 0 ? ` · 待同步 ${s.pending}` : '';
  if (s.state === 'online') return { status: s.rejected > 0 ? 'warning' : 'success', text: `在线${pending} · 最后同步 ${hhmm(s.lastSyncAt)}` };
  return { status: 'error', text: `离线${pending} · 最后同步 ${hhmm(s.lastSyncAt)}` };
}

/** 在线 / 离线 · 待同步 N · 最后同步 hh:mm; a click opens 同步问题. */
export function SyncBadge() {
  const status = useSyncStatus();
  const [open, setOpen] = useState(false);
  const l = label(status);
  const drift = status?.clockDrift ? `本机时钟与平台相差约 ${Math.round(Math.abs(status.clockOffsetMs ?? 0) / 60_000)} 分钟，请联系信息科校准。` : '';
  const tip = [status?.message ?? (status?.state === 'off' ? '尚未配置政务服务平台地址，办件保存在本机' : '与政务服务平台的连接状态'), drift].filter(Boolean).join(' ');
  return (
    <>
      <Tooltip title={tip}>
        <Tag role="button" aria-label="平台同步" className="sync-badge" onClick={() => setOpen(true)} style={{ cursor: 'pointer' }}>
          <Badge status={l.status} text={<span data-testid="sync-state">{l.text}</span>} />
          {status && status.rejected > 0 ? (
            <Typography.Text type="danger" style={{ marginLeft: 6 }}>
              同步问题 {status.rejected}
            </Typography.Text>
          ) : null}
          {drift ? (
            <Typography.Text type="warning" style={{ marginLeft: 6 }}>
              时钟偏差
            </Typography.Text>
          ) : null}
        </Tag>
      </Tooltip>
      {status?.draining ? (
        <Progress className="sync-progress" percent={Math.floor((100 * status.draining.done) / Math.max(1, status.draining.total))} size="small" style={{ width: 120 }} aria-label="积压办件上传进度" />
      ) : null}
      <SyncProblemsDrawer open={open} onClose={() => setOpen(false)} status={status} />
    </>
  );
}

function SyncProblemsDrawer(props: { open: boolean; onClose: () => void; status: SyncStatus | null }) {
  const [problems, setProblems] = useState<SyncProblem[]>([]);
  const load = useCallback(() => {
    call('sync.problems', {}).then(setProblems, (e: unknown) => void message.error(describeFailure(e).message));
  }, []);
  useEffect(() => {
    if (props.open) load();
  }, [props.open, props.status?.rejected, load]);
  const retry = (seq: number) =>
    call('sync.retryProblem', { seq }).then(
      () => (message.success('已重新提交，将在连通后发送'), load()),
      (e: unknown) => void message.error(describeFailure(e).message),
    );
  const exportAll = () =>
    call('sync.exportProblems', {}).then((r) => {
      const url = URL.createObjectURL(new Blob([r.content], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.fileName;
      a.click();
      URL.revokeObjectURL(url);
    }, (e: unknown) => void message.error(describeFailure(e).message));
  const s = props.status;
  return (
    <Drawer title="平台同步" open={props.open} onClose={props.onClose} size={520}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{label(s).text}</Typography.Text>
          <Button size="small" onClick={() => void call('sync.retryNow', {})} disabled={!s || s.state === 'off'}>
            立即同步
          </Button>
        </Space>
        {s?.message ? <Typography.Text type="secondary">{s.message}，办件已保存在本机，连通后自动上传。</Typography.Text> : null}
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong>同步问题（平台拒收的操作）</Typography.Text>
          <Button size="small" onClick={exportAll} disabled={problems.length === 0}>
            导出
          </Button>
        </Space>
        {problems.length === 0 ? (
          <Empty description="没有同步问题" />
        ) : (
          <List
            dataSource={problems}
            renderItem={(p) => (
              <List.Item actions={[<Button key="retry" size="small" onClick={() => void retry(p.seq)}>重新提交</Button>]}>
                <List.Item.Meta title={`第 ${p.seq} 号 · ${p.summary}`} description={<Typography.Text type="danger">{p.reason}</Typography.Text>} />
              </List.Item>
            )}
          />
        )}
      </Space>
    </Drawer>
  );
}
