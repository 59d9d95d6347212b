import jpeg from 'jpeg-js';

/** A white page with dark text-like bars, numbered by `mark` bars at the top, as a JPEG. */
export function makePageJpeg(width: number, height: number, mark = 1, quality = 80): Buffer {
  const data = Buffer.alloc(width * height * 4, 255);
  const dark = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    data[i] = data[i + 1] = data[i + 2] = 30;
  };
  const lineH = Math.max(2, Math.round(height / 60));
  for (let row = 4; row < 50; row += 2) {
    const y0 = row * lineH;
    const len = Math.round(width * (0.5 + 0.35 * (((row * 7919) % 13) / 13)));
    for (let y = y0; y < Math.min(height, y0 + lineH); y++) for (let x = Math.round(width * 0.08); x < len; x++) dark(x, y);
  }
  for (let k = 0; k < mark; k++) {
    const x0 = Math.round(width * 0.08) + k * lineH * 3;
    for (let y = lineH; y < lineH * 3; y++) for (let x = x0; x < x0 + lineH * 2 && x < width; x++) dark(x, y);
  }
  return Buffer.from(jpeg.encode({ data, width, height }, quality).data);
}
