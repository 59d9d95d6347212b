import { Alert, Button, Select, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../lib/client';
import { describeFailure } from '../../lib/errors';
import { boundingBox, fullFrame, type Quad, type Rotation } from './autocrop';
import { blobToBase64 } from './blob-base64';
import { CornerEditor } from './CornerEditor';
import { CropClient } from './crop-client';
import { useCamera } from './useCamera';

interface Props {
  caseId: string;
  materialId: string;
  savedDeviceId: string;
  onStored(): void;
}

/** How often the live outline is refreshed: enough to follow a hand placing the page. */
const OUTLINE_EVERY_MS = 400;
/** Width of the frame copy the page outline is found on (the Worker's detection size). */
const DETECT_WIDTH = 960;


interface Still {
  bitmap: ImageBitmap;
  quad: Quad;
  detected: boolean;
}

/** 高拍仪 capture: live preview with the detected page outline, a shot, corner check, save. */
export function CameraCapture({ caseId, materialId, savedDeviceId, onStored }: Props) {
  const cam = useCamera(savedDeviceId);
  const video = useRef<HTMLVideoElement>(null);
  const crop = useRef<CropClient | null>(null);
  const [outline, setOutline] = useState<{ quad: Quad; w: number; h: number } | null>(null);
  const [still, setStill] = useState<Still | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; hint?: string } | null>(null);
  crop.current ??= new CropClient();

  useEffect(() => () => crop.current?.dispose(), []);
  useEffect(() => {
    if (video.current && cam.stream) video.current.srcObject = cam.stream;
  }, [cam.stream, still]);

  // Live outline on a small copy of the frame, one detection at a time.
  useEffect(() => {
    if (!cam.stream || still) return;
    let stopped = false;
    const tick = async () => {
      const v = video.current;
      if (stopped || !v || v.videoWidth === 0) return;
      try {
        const w = 640;
        const h = Math.round((v.videoHeight * w) / v.videoWidth);
        const small = await createImageBitmap(v, { resizeWidth: w, resizeHeight: h });
        const quad = await crop.current!.detect(small);
        if (!stopped) setOutline(quad ? { quad, w, h } : null);
      } catch {
        // A missed preview frame is harmless; the shot runs its own detection.
      }
    };
    const t = setInterval(() => void tick(), OUTLINE_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(t);
    };
  }, [cam.stream, still]);

  const shoot = async () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    setBusy(true);
    setFailure(null);
    // Marks for `npm run bench -- capture`: machine time from shot to stored page, without the clerk's.
    performance.mark('capture:shot');
    // The outline belongs to the live picture; after the shot a fresh one is detected.
    setOutline(null);
    try {
      // Detection needs only a small copy; grabbing it straight from the video spares the Worker 32 MB.
      const sw = DETECT_WIDTH;
      const sh = Math.round((v.videoHeight * sw) / v.videoWidth);
      const [full, small] = await Promise.all([createImageBitmap(v), createImageBitmap(v, { resizeWidth: sw, resizeHeight: sh, resizeQuality: 'medium' })]);
      const found = await crop.current!.detect(small);
      const quad = found ? (found.map((p) => ({ x: (p.x * full.width) / sw, y: (p.y * full.height) / sh })) as Quad) : null;
      setStill({ bitmap: full, quad: quad ?? fullFrame(full.width, full.height), detected: quad !== null });
      performance.measure('capture:detect', 'capture:shot');
    } catch {
      setFailure({ message: '这一张没有拍成功。', hint: '请重新点“拍照”。' });
    } finally {
      setBusy(false);
    }
  };

  const save = async (quad: Quad, rotation: Rotation) => {
    if (!still) return;
    setBusy(true);
    setFailure(null);
    performance.mark('capture:save');
    try {
      // Only the page's bounding box goes to the Worker; the still stays here for a retry.
      const box = boundingBox(quad, still.bitmap.width, still.bitmap.height);
      const copy = await createImageBitmap(still.bitmap, box.x, box.y, box.w, box.h);
      const page = await crop.current!.crop(copy, quad.map((p) => ({ x: p.x - box.x, y: p.y - box.y })) as Quad, rotation);
      await call('attachments.add', { caseId, materialId, source: 'camera', jpegBase64: await blobToBase64(page.jpeg), thumbBase64: await blobToBase64(page.thumb) });
      performance.measure('capture:store', 'capture:save');
      still.bitmap.close();
      setStill(null);
      onStored();
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="capture-camera">
      <Space wrap>
        <Select
          style={{ width: 260 }}
          placeholder="选择高拍仪"
          value={cam.deviceId || undefined}
          // Device labels are vendor strings (often English); the clerk sees a number, the label on hover.
          options={cam.devices.map((d, i) => ({ value: d.deviceId, label: <span title={d.label}>摄像头 {i + 1}</span> }))}
          onChange={(id: string) => void cam.start(id)}
          notFoundContent="没有找到摄像头"
        />
        {cam.stream ? (
          <>
            <Button type="primary" onClick={() => void shoot()} loading={busy && !still} disabled={!!still}>
              拍照
            </Button>
            <Button onClick={cam.stop}>关闭高拍仪</Button>
          </>
        ) : (
          <Button type="primary" onClick={() => void cam.start(cam.deviceId)}>
            {cam.problem ? '重新连接' : '打开高拍仪'}
          </Button>
        )}
      </Space>
      {cam.problem && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={cam.problem.message} description={cam.problem.hint} />}
      {failure && <Alert style={{ marginTop: 8 }} type="error" showIcon title={failure.message} description={failure.hint} />}
      {still ? (
        <CornerEditor bitmap={still.bitmap} quad={still.quad} detected={still.detected} busy={busy} onSave={(q, r) => void save(q, r)} onRetake={() => setStill(null)} />
      ) : (
        cam.stream && (
          <div className="capture-stage">
            <video ref={video} className="capture-media" autoPlay muted playsInline data-testid="camera-video" />
            {outline && (
              <svg className="capture-overlay" viewBox={`0 0 ${outline.w} ${outline.h}`} preserveAspectRatio="xMidYMid meet" data-testid="live-outline">
                <polygon points={outline.quad.map((p) => `${p.x},${p.y}`).join(' ')} className="capture-outline" />
              </svg>
            )}
          </div>
        )
      )}
    </div>
  );
}
