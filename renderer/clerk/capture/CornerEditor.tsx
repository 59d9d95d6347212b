import { Button, Space, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Quad, Rotation } from './autocrop';

interface Props {
  bitmap: ImageBitmap;
  quad: Quad;
  detected: boolean;
  busy: boolean;
  onSave(quad: Quad, rotation: Rotation): void;
  onRetake(): void;
}

const LABELS = ['左上', '右上', '右下', '左下'];

/** The still frame with the page outline; the clerk drags a corner when auto-crop missed it. */
export function CornerEditor({ bitmap, quad: initial, detected, busy, onSave, onRetake }: Props) {
  const [quad, setQuad] = useState<Quad>(initial);
  const [rotation, setRotation] = useState<Rotation>(0);
  const [drag, setDrag] = useState<number | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const r = Math.max(bitmap.width, bitmap.height) / 60;

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const scale = Math.min(1, 1280 / bitmap.width);
    c.width = Math.round(bitmap.width * scale);
    c.height = Math.round(bitmap.height * scale);
    c.getContext('2d')?.drawImage(bitmap, 0, 0, c.width, c.height);
  }, [bitmap]);

  const move = (e: React.PointerEvent) => {
    if (drag === null || !svg.current) return;
    const pt = svg.current.createSVGPoint();
    pt.x = e.clientX;
    pt.y = e.clientY;
    const p = pt.matrixTransform(svg.current.getScreenCTM()!.inverse());
    const x = Math.max(0, Math.min(bitmap.width, p.x));
    const y = Math.max(0, Math.min(bitmap.height, p.y));
    setQuad((q) => q.map((c, i) => (i === drag ? { x, y } : c)) as Quad);
  };

  return (
    <div className="capture-editor">
      <div className="capture-stage">
        <canvas ref={canvas} className="capture-media" />
        <svg
          ref={svg}
          className="capture-overlay"
          viewBox={`0 0 ${bitmap.width} ${bitmap.height}`}
          preserveAspectRatio="xMidYMid meet"
          data-testid="corner-editor"
          data-quad={JSON.stringify(quad.map((p) => [Math.round(p.x), Math.round(p.y)]))}
          onPointerMove={move}
          onPointerUp={() => setDrag(null)}
          onPointerLeave={() => setDrag(null)}
        >
          <polygon points={quad.map((p) => `${p.x},${p.y}`).join(' ')} className="capture-outline" />
          {quad.map((p, i) => (
            <circle key={i} cx={p.x} cy={p.y} r={r} className="capture-handle" aria-label={`${LABELS[i]}角`} onPointerDown={() => setDrag(i)} />
          ))}
        </svg>
      </div>
      <Space wrap style={{ marginTop: 8 }}>
        {detected ? <Tag color="green">已自动找到材料边缘，可拖动四角微调</Tag> : <Tag color="orange">没有找到材料边缘，请拖动四角框住材料</Tag>}
        <Button onClick={() => setRotation((v) => ((v + 270) % 360) as Rotation)}>向左旋转</Button>
        <Button onClick={() => setRotation((v) => ((v + 90) % 360) as Rotation)}>向右旋转</Button>
        {rotation !== 0 && <Tag>保存时旋转 {rotation}°</Tag>}
        <Button onClick={onRetake} disabled={busy}>
          重拍
        </Button>
        <Button type="primary" loading={busy} onClick={() => onSave(quad, rotation)}>
          保存此页
        </Button>
      </Space>
    </div>
  );
}
