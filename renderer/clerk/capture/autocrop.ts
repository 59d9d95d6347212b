import type { Cv, Mat, Point } from './cv-types';

/** Four page corners in image pixels: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

export interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Below this share of the frame the biggest outline is not a page (a pen, a hand): keep the full frame. */
const MIN_PAGE_SHARE = 0.2;
/** A4 is 210 × 297 mm. */
export const A4_RATIO = 297 / 210;

/*
 * Page detection after jscanify (puffinsoft/jscanify, MIT, src/jscanify.js): edges, blur, Otsu,
 * the largest contour, then per quadrant around its centre the farthest point. Re-implemented
 * for @techstark/opencv-js so the canvas/jsdom dependencies stay out.
 */
export function detectPage(cv: Cv, img: Rgba): Quad | null {
  const src = cv.matFromImageData(img);
  const gray = new cv.Mat();
  const edges = new cv.Mat();
  const blur = new cv.Mat();
  const thresh = new cv.Mat();
  const contours = new cv.MatVector();
  const hierarchy = new cv.Mat();
  try {
    cv.cvtColor(src, gray, cv.COLOR_RGBA2GRAY);
    cv.Canny(gray, edges, 50, 200);
    cv.GaussianBlur(edges, blur, new cv.Size(3, 3), 0, 0, cv.BORDER_DEFAULT);
    cv.threshold(blur, thresh, 0, 255, cv.THRESH_BINARY + cv.THRESH_OTSU);
    cv.findContours(thresh, contours, hierarchy, cv.RETR_CCOMP, cv.CHAIN_APPROX_SIMPLE);
    let best = -1;
    let bestArea = 0;
    for (let i = 0; i < contours.size(); i++) {
      const c = contours.get(i);
      const area = cv.contourArea(c);
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
      c.delete();
    }
    if (best < 0 || bestArea < MIN_PAGE_SHARE * img.width * img.height) return null;
    const contour = contours.get(best);
    try {
      return quadrantCorners(cv, contour);
    } finally {
      contour.delete();
    }
  } finally {
    for (const m of [src, gray, edges, blur, thresh, contours, hierarchy]) m.delete();
  }
}

function quadrantCorners(cv: Cv, contour: Mat): Quad | null {
  const { center } = cv.minAreaRect(contour);
  const best: (Point & { d: number })[] = [0, 1, 2, 3].map(() => ({ x: 0, y: 0, d: -1 }));
  const pts = contour.data32S;
  for (let i = 0; i + 1 < pts.length; i += 2) {
    const x = pts[i]!;
    const y = pts[i + 1]!;
    const d = Math.hypot(x - center.x, y - center.y);
    // 0 TL, 1 TR, 2 BR, 3 BL
    const q = y < center.y ? (x < center.x ? 0 : 1) : x < center.x ? 3 : 2;
    if (d > best[q]!.d) best[q] = { x, y, d };
  }
  if (best.some((b) => b.d < 0)) return null;
  return best.map(({ x, y }) => ({ x, y })) as Quad;
}

/** Output size for a quad: its mean side lengths, snapped to A4 when close, long side at most `maxLong`. */
export function outputSize(q: Quad, maxLong: number): { width: number; height: number } {
  const len = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  let w = (len(q[0], q[1]) + len(q[3], q[2])) / 2;
  let h = (len(q[0], q[3]) + len(q[1], q[2])) / 2;
  const portrait = h >= w;
  const ratio = portrait ? h / w : w / h;
  // A perspective shot measures the sides a few per cent off; most materials are A4.
  if (Math.abs(ratio - A4_RATIO) / A4_RATIO < 0.1) {
    if (portrait) h = w * A4_RATIO;
    else w = h * A4_RATIO;
  }
  const scale = Math.min(1, maxLong / Math.max(w, h));
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

export type Rotation = 0 | 90 | 180 | 270;

/** Perspective-corrects the quad to a flat page, then rotates. Returns RGBA pixels. */
export function warpPage(cv: Cv, img: Rgba, q: Quad, maxLong: number, rotation: Rotation): Rgba {
  const { width, height } = outputSize(q, maxLong);
  const src = cv.matFromImageData(img);
  const from = cv.matFromArray(4, 1, cv.CV_32FC2, q.flatMap((p) => [p.x, p.y]));
  const to = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, width, 0, width, height, 0, height]);
  const m = cv.getPerspectiveTransform(from, to);
  const flat = new cv.Mat();
  const turned = new cv.Mat();
  try {
    cv.warpPerspective(src, flat, m, new cv.Size(width, height), cv.INTER_LINEAR, cv.BORDER_CONSTANT, new cv.Scalar(255, 255, 255, 255));
    let out = flat;
    if (rotation !== 0) {
      cv.rotate(flat, turned, rotation === 90 ? cv.ROTATE_90_CLOCKWISE : rotation === 180 ? cv.ROTATE_180 : cv.ROTATE_90_COUNTERCLOCKWISE);
      out = turned;
    }
    return { data: new Uint8ClampedArray(out.data), width: out.cols, height: out.rows };
  } finally {
    for (const x of [src, from, to, m, flat, turned]) x.delete();
  }
}

/** The whole frame as a quad: the fallback when no page is found. */
export const fullFrame = (w: number, h: number): Quad => [
  { x: 0, y: 0 },
  { x: w, y: 0 },
  { x: w, y: h },
  { x: 0, y: h },
];

/** The quad's bounding box inside a w × h frame, in whole pixels. */
export function boundingBox(q: Quad, maxW: number, maxH: number): { x: number; y: number; w: number; h: number } {
  const x = Math.max(0, Math.floor(Math.min(...q.map((p) => p.x))));
  const y = Math.max(0, Math.floor(Math.min(...q.map((p) => p.y))));
  const w = Math.min(maxW, Math.ceil(Math.max(...q.map((p) => p.x)))) - x;
  const h = Math.min(maxH, Math.ceil(Math.max(...q.map((p) => p.y)))) - y;
  return { x, y, w: Math.max(1, w), h: Math.max(1, h) };
}
