/// <reference lib="webworker" />
import { boundingBox, detectPage, fullFrame, type Quad, type Rgba, warpPage } from './autocrop';
import { type CropReply, type CropRequest, PAGE_LONG_SIDE, PAGE_MAX_BYTES, THUMB_WIDTH } from './crop-protocol';
import type { Cv } from './cv-types';
// The file itself, not a bundled module: OpenCV.js assigns an undeclared global, which strict
// (bundled) code refuses, so it runs as a classic script through importScripts.
import opencvUrl from '@techstark/opencv-js/dist/opencv.js?url';

declare const self: DedicatedWorkerGlobalScope;

/** Detection runs on a copy this size: edges of a page need no more, and it keeps the preview live. */
const DETECT_LONG_SIDE = 960;

let cvLoading: Promise<{ cv: Cv }> | null = null;

/**
 * OpenCV.js is 8 MB: loaded on first use, in this Worker only. In a worker its UMD wrapper leaves
 * the factory on `self.cv`; the module object it returns is a thenable, so it is wrapped before
 * it passes through a promise.
 */
function loadCv(): Promise<{ cv: Cv }> {
  cvLoading ??= new Promise<{ cv: Cv }>((resolve, reject) => {
    try {
      importScripts(new URL(opencvUrl, self.location.href).href);
      const g = self as unknown as { cv: unknown };
      const mod = (typeof g.cv === 'function' ? (g.cv as () => unknown)() : g.cv) as Cv & { onRuntimeInitialized?: () => void };
      if (typeof mod.Mat === 'function') resolve({ cv: mod });
      else mod.onRuntimeInitialized = () => resolve({ cv: mod });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  return cvLoading;
}

function pixels(bitmap: ImageBitmap, maxSide: number): { img: Rgba; scale: number } {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const w = Math.round(bitmap.width * scale);
  const h = Math.round(bitmap.height * scale);
  const ctx = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0, w, h);
  const d = ctx.getImageData(0, 0, w, h);
  return { img: { data: d.data, width: w, height: h }, scale };
}

async function detect(bitmap: ImageBitmap): Promise<Quad | null> {
  const { cv } = await loadCv();
  const { img, scale } = pixels(bitmap, DETECT_LONG_SIDE);
  const q = detectPage(cv, img);
  return q ? (q.map((p) => ({ x: p.x / scale, y: p.y / scale })) as Quad) : null;
}

/** JPEG at the best quality that fits the page budget. */
async function encode(canvas: OffscreenCanvas): Promise<Blob> {
  let quality = 0.85;
  let blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  while (blob.size > PAGE_MAX_BYTES && quality > 0.45) {
    quality -= 0.1;
    blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  return blob;
}

async function crop(bitmap: ImageBitmap, quad: Quad, rotation: 0 | 90 | 180 | 270): Promise<Extract<CropReply, { type: 'crop' }>> {
  const { cv } = await loadCv();
  // Only the page's bounding box is read out of the frame: an 8 MP frame is 32 MB of RGBA.
  const b = boundingBox(quad, bitmap.width, bitmap.height);
  const ctx = new OffscreenCanvas(b.w, b.h).getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, b.x, b.y, b.w, b.h, 0, 0, b.w, b.h);
  const d = ctx.getImageData(0, 0, b.w, b.h);
  const local = quad.map((p) => ({ x: p.x - b.x, y: p.y - b.y })) as Quad;
  const page = warpPage(cv, { data: d.data, width: d.width, height: d.height }, local, PAGE_LONG_SIDE, rotation);
  const canvas = new OffscreenCanvas(page.width, page.height);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(page.data), page.width, page.height), 0, 0);
  const jpeg = await encode(canvas);
  const th = Math.round((THUMB_WIDTH * page.height) / page.width);
  const small = new OffscreenCanvas(THUMB_WIDTH, th);
  small.getContext('2d')!.drawImage(canvas, 0, 0, THUMB_WIDTH, th);
  const thumb = await small.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
  return { type: 'crop', id: 0, jpeg, thumb, width: page.width, height: page.height };
}

self.onmessage = async (e: MessageEvent<CropRequest>) => {
  const req = e.data;
  try {
    if (req.type === 'detect') {
      const quad = await detect(req.bitmap);
      self.postMessage({ type: 'detect', id: req.id, quad } satisfies CropReply);
    } else {
      const r = await crop(req.bitmap, req.quad ?? fullFrame(req.bitmap.width, req.bitmap.height), req.rotation);
      self.postMessage({ ...r, id: req.id } satisfies CropReply);
    }
  } catch (error) {
    self.postMessage({ type: 'error', id: req.id, message: error instanceof Error ? error.message : String(error) } satisfies CropReply);
  } finally {
    req.bitmap.close();
  }
};
