import { Alert, Button, Space } from 'antd';
import { type PointerEvent, useRef, useState } from 'react';

/** Touch or mouse signature on a canvas; hands back a PNG data URL. */
export function SignaturePad(props: { onDone: (dataUrl: string) => Promise<void> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    const r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * c.width) / r.width, y: ((e.clientY - r.top) * c.height) / r.height };
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = at(e);
    ctx.lineWidth = 4;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext('2d');
    const p = at(e);
    ctx?.lineTo(p.x, p.y);
    ctx?.stroke();
    setEmpty(false);
  };
  const up = () => {
    drawing.current = false;
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    setEmpty(true);
  };
  const done = async () => {
    if (!canvas.current) return;
    setBusy(true);
    setFailure(null);
    try {
      await props.onDone(canvas.current.toDataURL('image/png'));
    } catch (error) {
      setFailure((error as Error).message || '签名没有保存，请重试。');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <canvas
        ref={canvas}
        className="signature-canvas"
        width={900}
        height={300}
        aria-label="签名区"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      {failure && <Alert type="error" showIcon title={failure} />}
      <Space size="large">
        <Button size="large" onClick={clear} disabled={busy}>
          重新签
        </Button>
        <Button size="large" type="primary" onClick={() => void done()} disabled={empty} loading={busy}>
          确认签名
        </Button>
      </Space>
    </Space>
  );
}
