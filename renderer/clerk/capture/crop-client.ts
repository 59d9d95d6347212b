import type { Quad, Rotation } from './autocrop';
import type { CropReply, CropRequest } from './crop-protocol';

type Pending = (r: CropReply) => void;

/** The panel's handle on the auto-crop Worker: one Worker, request/reply by id. */
export class CropClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private get w(): Worker {
    if (!this.worker) {
      // Classic, not module: OpenCV.js is loaded with importScripts.
      this.worker = new Worker(new URL('./crop.worker.ts', import.meta.url));
      this.worker.onmessage = (e: MessageEvent<CropReply>) => {
        this.pending.get(e.data.id)?.(e.data);
        this.pending.delete(e.data.id);
      };
      this.worker.onerror = () => {
        for (const p of this.pending.values()) p({ type: 'error', id: 0, message: 'worker failed' });
        this.pending.clear();
      };
    }
    return this.worker;
  }

  private ask(req: Omit<CropRequest, 'id'> & { bitmap: ImageBitmap }): Promise<CropReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.w.postMessage({ ...req, id }, [req.bitmap]);
    });
  }

  async detect(bitmap: ImageBitmap): Promise<Quad | null> {
    const r = await this.ask({ type: 'detect', bitmap });
    if (r.type === 'error') throw new Error(r.message);
    return r.type === 'detect' ? r.quad : null;
  }

  async crop(bitmap: ImageBitmap, quad: Quad, rotation: Rotation): Promise<Extract<CropReply, { type: 'crop' }>> {
    const r = await this.ask({ type: 'crop', bitmap, quad, rotation } as Omit<CropRequest, 'id'> & { bitmap: ImageBitmap });
    if (r.type !== 'crop') throw new Error(r.type === 'error' ? r.message : 'unexpected reply');
    return r;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
