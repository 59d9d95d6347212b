import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderScene, sceneQuad } from '../support/scene';
import { A4_RATIO, detectPage, outputSize, warpPage } from '../../renderer/clerk/capture/autocrop';
import type { Cv } from '../../renderer/clerk/capture/cv-types';

let cv: Cv;
beforeAll(async () => {
  const mod = createRequire(import.meta.url)('@techstark/opencv-js') as Cv & { onRuntimeInitialized?: () => void };
  if (!('Mat' in mod) || typeof mod.Mat !== 'function') await new Promise<void>((resolve) => (mod.onRuntimeInitialized = resolve));
  cv = mod;
}, 60_000);

describe('auto-crop (OpenCV.js, same code as the Worker)', () => {
  const W = 1600, H = 1200;
  const quad = sceneQuad(W, H);
  const img = { data: renderScene(W, H, quad), width: W, height: H };

  it('finds the four page corners within 1.5 % of the frame width', () => {
    const found = detectPage(cv, img);
    expect(found).not.toBeNull();
    found!.forEach((p, i) => {
      expect(Math.hypot(p.x - quad[i]!.x, p.y - quad[i]!.y)).toBeLessThan(W * 0.015);
    });
  });

  it('falls back (null) on a frame without a page', () => {
    const empty = { data: new Uint8ClampedArray(320 * 240 * 4).fill(128), width: 320, height: 240 };
    expect(detectPage(cv, empty)).toBeNull();
  });

  it('warps to an A4 page: paper-white corners, the seal red where it was printed', () => {
    const page = warpPage(cv, img, detectPage(cv, img)!, 2339, 0);
    expect(page.height / page.width).toBeCloseTo(A4_RATIO, 2);
    const at = (u: number, v: number) => {
      const i = (Math.round(v * (page.height - 1)) * page.width + Math.round(u * (page.width - 1))) * 4;
      return [page.data[i]!, page.data[i + 1]!, page.data[i + 2]!];
    };
    for (const [u, v] of [[0.03, 0.03], [0.97, 0.03], [0.97, 0.97], [0.03, 0.97]] as const) expect(Math.min(...at(u, v))).toBeGreaterThan(200);
    const seal = at(0.72 + 0.092, 0.8);
    expect(seal[0]! - seal[2]!).toBeGreaterThan(80);
    const turned = warpPage(cv, img, detectPage(cv, img)!, 1000, 90);
    expect(turned.width).toBeGreaterThan(turned.height);
  });

  it('snaps near-A4 outlines to A4 and caps the long side', () => {
    expect(outputSize([{ x: 0, y: 0 }, { x: 1000, y: 0 }, { x: 1000, y: 1380 }, { x: 0, y: 1380 }], 5000)).toEqual({ width: 1000, height: 1414 });
    expect(outputSize([{ x: 0, y: 0 }, { x: 1000, y: 0 }, { x: 1000, y: 1000 }, { x: 0, y: 1000 }], 500)).toEqual({ width: 500, height: 500 });
  });
});
