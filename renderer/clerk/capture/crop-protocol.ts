import type { Quad, Rotation } from './autocrop';

/** Messages between the capture panel and the auto-crop Worker. */
export type CropRequest =
  | { type: 'detect'; id: number; bitmap: ImageBitmap }
  | { type: 'crop'; id: number; bitmap: ImageBitmap; quad: Quad; rotation: Rotation };

export type CropReply =
  | { type: 'detect'; id: number; quad: Quad | null }
  | { type: 'crop'; id: number; jpeg: Blob; thumb: Blob; width: number; height: number }
  | { type: 'error'; id: number; message: string };

/** Readable at 200 dpi: the long side of an A4 page. */
export const PAGE_LONG_SIDE = 2339;
/** What one A4 page may cost in the case file and on the wire. */
export const PAGE_MAX_BYTES = 400 * 1024;
export const THUMB_WIDTH = 160;
