/**
 * The few OpenCV.js calls auto-crop uses, typed here: the package's own typings describe the
 * whole library and cost more to check than they help.
 */
export interface Mat {
  rows: number;
  cols: number;
  data: Uint8Array;
  data32S: Int32Array;
  delete(): void;
}
export interface MatVector {
  size(): number;
  get(i: number): Mat;
  delete(): void;
}
export interface Point {
  x: number;
  y: number;
}
export interface Cv {
  Mat: new (...args: unknown[]) => Mat;
  MatVector: new () => MatVector;
  Size: new (w: number, h: number) => unknown;
  Scalar: new (...v: number[]) => unknown;
  matFromImageData(d: { data: Uint8ClampedArray; width: number; height: number }): Mat;
  matFromArray(rows: number, cols: number, type: number, data: number[]): Mat;
  cvtColor(src: Mat, dst: Mat, code: number): void;
  Canny(src: Mat, dst: Mat, t1: number, t2: number): void;
  GaussianBlur(src: Mat, dst: Mat, size: unknown, sx: number, sy: number, border: number): void;
  threshold(src: Mat, dst: Mat, t: number, max: number, type: number): void;
  findContours(src: Mat, contours: MatVector, hierarchy: Mat, mode: number, method: number): void;
  contourArea(c: Mat): number;
  minAreaRect(c: Mat): { center: Point };
  getPerspectiveTransform(src: Mat, dst: Mat): Mat;
  warpPerspective(src: Mat, dst: Mat, m: Mat, size: unknown, flags: number, border: number, value: unknown): void;
  rotate(src: Mat, dst: Mat, code: number): void;
  resize(src: Mat, dst: Mat, size: unknown, fx: number, fy: number, interp: number): void;
  COLOR_RGBA2GRAY: number;
  BORDER_DEFAULT: number;
  BORDER_CONSTANT: number;
  THRESH_OTSU: number;
  THRESH_BINARY: number;
  RETR_CCOMP: number;
  CHAIN_APPROX_SIMPLE: number;
  CV_32FC2: number;
  CV_8UC4: number;
  INTER_LINEAR: number;
  INTER_AREA: number;
  ROTATE_90_CLOCKWISE: number;
  ROTATE_180: number;
  ROTATE_90_COUNTERCLOCKWISE: number;
}
