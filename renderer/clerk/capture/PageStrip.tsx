import { Button, Empty, Image, Space, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import type { Attachment } from '../../../shared/contract/capture';
import { call } from '../../lib/client';

interface Props {
  pages: Attachment[];
  deleted: Attachment[];
  onMove(id: string, delta: -1 | 1): void;
  onRemove(id: string): void;
  onRestore(id: string): void;
}

function Thumb({ id }: { id: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    call('attachments.image', { id, size: 'thumb' }).then((r) => live && setSrc(r.dataUrl), () => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  return src ? <Image src={src} width={72} height={100} style={{ objectFit: 'contain' }} preview={false} alt="材料页缩略图" /> : <div className="capture-thumb-empty" />;
}

/** The material's pages in order, with move, delete and (within the draft) restore. */
export function PageStrip({ pages, deleted, onMove, onRemove, onRestore }: Props) {
  if (pages.length === 0 && deleted.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有材料页，请拍照或扫描" />;
  return (
    <div>
      <div className="capture-strip" data-testid="page-strip">
        {pages.map((p, i) => (
          <div key={p.id} className="capture-page" data-testid="page">
            <Thumb id={p.id} />
            <div className="capture-page-no">第 {p.pageNo} 页</div>
            <Space size={2}>
              <Tooltip title="前移">
                <Button size="small" disabled={i === 0} onClick={() => onMove(p.id, -1)}>
                  ←
                </Button>
              </Tooltip>
              <Tooltip title="后移">
                <Button size="small" disabled={i === pages.length - 1} onClick={() => onMove(p.id, 1)}>
                  →
                </Button>
              </Tooltip>
              <Button size="small" danger onClick={() => onRemove(p.id)}>
                删除
              </Button>
            </Space>
          </div>
        ))}
      </div>
      {deleted.length > 0 && (
        <div className="capture-deleted">
          已删除 {deleted.length} 页：
          {deleted.map((p) => (
            <Button key={p.id} size="small" type="link" onClick={() => onRestore(p.id)}>
              恢复（原第 {p.pageNo} 页）
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
