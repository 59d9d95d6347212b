/**
 * A synthetic photo of an A4 page lying at an angle on a desk: the page (text lines and a red
 * seal) mapped by a homography onto `quad`, on a low-contrast wood-like background. Used by the
 * auto-crop test and to make the fake camera's y4m.
 */
export type P = { x: number; y: number };

/** Solves the 3×3 homography that maps the unit square's corners (TL,TR,BR,BL) to `q`. */
export function squareToQuad(q: [P, P, P, P]): number[] {
  const [p0, p1, p2, p3] = q;
  const dx1 = p1.x - p2.x, dx2 = p3.x - p2.x, dx3 = p0.x - p1.x + p2.x - p3.x;
  const dy1 = p1.y - p2.y, dy2 = p3.y - p2.y, dy3 = p0.y - p1.y + p2.y - p3.y;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return [p1.x - p0.x + g * p1.x, p3.x - p0.x + h * p3.x, p0.x, p1.y - p0.y + g * p1.y, p3.y - p0.y + h * p3.y, p0.y, g, h, 1];
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

/** Page colour at (u,v) in [0,1]²: white paper, black text lines, a red seal bottom right. */
function page(u: number, v: number): [number, number, number] {
  const sx = u - 0.72, sy = (v - 0.8) * 1.414;
  const r = Math.hypot(sx, sy);
  if (r > 0.085 && r < 0.1) return [200, 30, 35];
  if (v > 0.06 && v < 0.09 && u > 0.3 && u < 0.7) return [20, 20, 20];
  const line = Math.floor((v - 0.15) / 0.03);
  if (v > 0.15 && v < 0.7 && (v - 0.15) % 0.03 < 0.012) {
    const end = 0.55 + 0.35 * (((line * 7919) % 13) / 13);
    if (u > 0.1 && u < end) return [35, 35, 35];
  }
  return [246, 245, 240];
}

function desk(x: number, y: number): [number, number, number] {
  const grain = Math.sin(y * 0.05 + Math.sin(x * 0.01) * 3) * 8 + ((x * 928371 + y * 12377) % 7);
  return [112 + grain, 86 + grain, 62 + grain];
}

export function renderScene(width: number, height: number, quad: [P, P, P, P]): Uint8ClampedArray {
  const inv = invert3(squareToQuad(quad));
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = inv[6]! * x + inv[7]! * y + inv[8]!;
      const u = (inv[0]! * x + inv[1]! * y + inv[2]!) / w;
      const v = (inv[3]! * x + inv[4]! * y + inv[5]!) / w;
      const c = u >= 0 && u <= 1 && v >= 0 && v <= 1 ? page(u, v) : desk(x, y);
      const i = (y * width + x) * 4;
      out[i] = c[0];
      out[i + 1] = c[1];
      out[i + 2] = c[2];
      out[i + 3] = 255;
    }
  }
  return out;
}

/** The quad the tests use: an A4 page, turned about 8°, with the far edge shorter (shot from the front). */
export function sceneQuad(width: number, height: number): [P, P, P, P] {
  const s = Math.min(width, height) / 1200;
  return [
    { x: 610 * s, y: 110 * s },
    { x: 1180 * s, y: 180 * s },
    { x: 1080 * s, y: 1000 * s },
    { x: 480 * s, y: 930 * s },
  ];
}

/** Frames as YUV4MPEG2 (4:2:0, full-range JFIF coefficients as C420jpeg says), what Chromium's fake capture reads. */
export function toY4m(width: number, height: number, rgba: Uint8ClampedArray, frames: number): Buffer {
  const ySize = width * height;
  const cw = width / 2, ch = height / 2;
  const frame = Buffer.alloc(ySize + 2 * cw * ch);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      frame[y * width + x] = Math.round(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
    }
  }
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const i = (2 * y * width + 2 * x) * 4;
      const r = rgba[i]!, g = rgba[i + 1]!, b = rgba[i + 2]!;
      frame[ySize + y * cw + x] = Math.round(128 - 0.1687 * r - 0.3313 * g + 0.5 * b);
      frame[ySize + cw * ch + y * cw + x] = Math.round(128 + 0.5 * r - 0.4187 * g - 0.0813 * b);
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const parts: Buffer[] = [header];
  for (let f = 0; f < frames; f++) parts.push(Buffer.from('FRAME\n'), frame);
  return Buffer.concat(parts);
}
