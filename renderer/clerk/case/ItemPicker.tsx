import { Descriptions, Empty, Input, type InputRef, List, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { CatalogBundleView, CatalogItemView, SearchHit } from '../../../shared/contract/catalog';
import { call } from '../../lib/client';

const unitLabel = (u: string) => (u === 'workday' ? '个工作日' : '个自然日');
const areaLabel = { city: '全市通办', province: '全省通办', nation: '跨省通办' } as const;

/**
 * One search box for the whole catalogue (Chinese, pinyin, initials, codes). ↑/↓ move, Enter
 * picks; with an empty box the window's frequent items are listed and 1–9 pick directly.
 */
export function ItemPicker(props: { onPick: (hit: SearchHit) => void; autoFocus?: boolean }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [guide, setGuide] = useState<CatalogItemView | CatalogBundleView | null>(null);
  const input = useRef<InputRef>(null);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    call(query.trim() ? 'catalog.search' : 'catalog.frequent', query.trim() ? { query, limit: 12 } : { limit: 9 }).then(
      (r) => {
        if (mine !== seq.current) return; // a later keystroke already answered
        setHits(r);
        setActive(0);
      },
      () => mine === seq.current && setHits([]),
    );
  }, [query]);

  const current = hits[active];
  useEffect(() => {
    if (!current) return setGuide(null);
    let live = true;
    const t = setTimeout(() => {
      (current.kind === 'bundle' ? call('catalog.bundle', { id: current.id }) : call('catalog.item', { id: current.id })).then((g) => live && setGuide(g), () => live && setGuide(null));
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [current]);

  useEffect(() => {
    // Not while the clerk works in a drawer or dialog (reader training, capture): taking the
    // focus from there would close the list the clerk just opened.
    const busyElsewhere = document.activeElement?.closest('.ant-drawer, .ant-modal, .ant-select-dropdown');
    if (props.autoFocus && !busyElsewhere) input.current?.focus();
  }, [props.autoFocus]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      props.onPick(current);
    } else if (!query && /^[1-9]$/.test(e.key) && hits[Number(e.key) - 1]) {
      e.preventDefault();
      props.onPick(hits[Number(e.key) - 1]!);
    }
  };

  return (
    <div className="item-picker">
      <div className="item-picker-list">
        <Input.Search
          ref={input}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="搜索事项：中文、拼音、首字母或事项编码（↑↓ 选择，回车确定）"
          aria-label="搜索事项"
          allowClear
          size="large"
        />
        <Typography.Text type="secondary" className="item-picker-hint">
          {query.trim() ? `找到 ${hits.length >= 12 ? '12+' : hits.length} 项` : '本窗口常办事项（按数字键 1–9 直接选择）'}
        </Typography.Text>
        {hits.length === 0 ? (
          <Empty description="没有找到匹配的事项，换个关键词试试" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            size="small"
            dataSource={hits}
            className="item-hits"
            renderItem={(h, i) => (
              <List.Item
                className={i === active ? 'item-hit active' : 'item-hit'}
                onMouseEnter={() => setActive(i)}
                onClick={() => props.onPick(h)}
                role="option"
                aria-selected={i === active}
              >
                <span className="item-hit-no">{!query.trim() && i < 9 ? i + 1 : ''}</span>
                <span className="item-hit-name">{h.name}</span>
                {h.kind === 'bundle' ? <Tag color="purple">一件事</Tag> : <Tag color={h.projectType === 'instant' ? 'green' : 'blue'}>{h.projectType === 'instant' ? '即办件' : '承诺件'}</Tag>}
                {h.sample && <Tag>示例</Tag>}
                <Typography.Text type="secondary" className="item-hit-dept">
                  {h.deptName}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
      </div>
      <div className="item-guide">{guide ? <GuideSummary guide={guide} /> : <Empty description="选择事项后显示办事指南" image={Empty.PRESENTED_IMAGE_SIMPLE} />}</div>
    </div>
  );
}

function GuideSummary({ guide }: { guide: CatalogItemView | CatalogBundleView }) {
  if ('itemDetails' in guide) {
    return (
      <Descriptions title={`${guide.name}（办事指南）`} column={1} size="small" bordered>
        <Descriptions.Item label="说明">{guide.description}</Descriptions.Item>
        <Descriptions.Item label="承诺时限">{guide.promiseLimit + unitLabel(guide.promiseUnit)}</Descriptions.Item>
        <Descriptions.Item label="包含事项">{guide.itemDetails.map((i) => i.name).join('、')}</Descriptions.Item>
      </Descriptions>
    );
  }
  return (
    <Descriptions title={`${guide.name}（办事指南）`} column={1} size="small" bordered>
      <Descriptions.Item label="实施主体">{guide.deptName}</Descriptions.Item>
      <Descriptions.Item label="受理条件">{guide.acceptCondition || '—'}</Descriptions.Item>
      <Descriptions.Item label="办件类型">{guide.projectType === 'instant' ? '即办件' : '承诺件'}</Descriptions.Item>
      <Descriptions.Item label="法定时限">{guide.legalLimit + unitLabel(guide.legalUnit)}</Descriptions.Item>
      <Descriptions.Item label="承诺时限">{guide.promiseLimit === 0 ? '当场办结' : guide.promiseLimit + unitLabel(guide.promiseUnit)}</Descriptions.Item>
      <Descriptions.Item label="收费">{guide.fees.length ? guide.fees.map((f) => `${f.name}：${f.standard}`).join('；') : '不收费'}</Descriptions.Item>
      <Descriptions.Item label="到现场次数">{guide.visits} 次</Descriptions.Item>
      <Descriptions.Item label="通办范围">{areaLabel[guide.handleArea]}</Descriptions.Item>
      <Descriptions.Item label="结果寄递">{guide.canMail ? '支持免费寄递' : '窗口领取'}</Descriptions.Item>
      <Descriptions.Item label="申请材料">{guide.materials.length} 项</Descriptions.Item>
    </Descriptions>
  );
}
