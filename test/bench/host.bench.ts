import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { buildRenderer } from '../../electron/cli/build';
import { chromiumBinary, rendererOut } from '../../electron/cli/paths';
import { startBrowserHost } from '../../electron/host/server';
import { createAppServices } from '../../electron/services/app';
import { type BenchModule, percentile, round } from './harness';

const CALLS = 2000;

function post(port: number, path: string, body: string, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent: keepAlive, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

async function timeCalls(port: number, path: string, token: string): Promise<number[]> {
  for (let i = 0; i < 200; i++) await post(port, path, '{"nonce":"w"}', token);
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await post(port, path, '{"nonce":"x"}', token);
    samples.push(performance.now() - t);
  }
  return samples;
}

/** Wall time from `start()` to the first contentful paint of `url` in a fresh Chromium page. */
async function timeToFcp(browser: Browser, start: () => Promise<string>): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const t0 = Date.now();
  const url = await start();
  await page.goto(url);
  // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
  const fcpEpoch = (await page.evaluate(`new Promise((resolve) => {
    const done = (e) => resolve(performance.timeOrigin + e.startTime);
    const found = performance.getEntriesByName('first-contentful-paint')[0];
    if (found) return done(found);
    new PerformanceObserver((list) => {
      const e = list.getEntriesByName('first-contentful-paint')[0];
      if (e) done(e);
    }).observe({ type: 'paint', buffered: true });
  })`)) as number;
  await page.close();
  return fcpEpoch - t0;
}

const bench: BenchModule = {
  prefix: 'host',
  async run(emit) {
    await buildRenderer();
    const dir = mkdtempSync(join(tmpdir(), 'zhck-bench-'));
    const browser = await chromium.launch({
      ...(chromiumBinary() ? { executablePath: chromiumBinary()! } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const closers: (() => Promise<void> | void)[] = [];
    try {
      // Cold start: services (database open + migrations) + host + page load to first paint.
      const cold = await timeToFcp(browser, async () => {
        const services = createAppServices({ dataDir: join(dir, 'cold'), host: 'browser' });
        const host = await startBrowserHost({ services, staticDir: rendererOut });
        closers.push(() => host.close(), () => services.close());
        return host.pageUrl('clerk');
      });
      const raw = createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><meta charset="utf-8"><h1>综合窗口</h1>');
      });
      const rawFcp = await timeToFcp(browser, async () => {
        await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
        return `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`;
      });
      emit({ name: 'host.coldStart.ms', value: round(cold, 1), unit: 'ms', compare: { name: 'rawHttpStaticPage.fcp.ms', value: round(rawFcp, 1) } });

      // Round trip of a trivial contract call vs. a bare HTTP echo on the same machine.
      const services = createAppServices({ dataDir: join(dir, 'calls'), host: 'browser' });
      const host = await startBrowserHost({ services });
      closers.push(() => host.close(), () => services.close());
      const contract = await timeCalls(host.port, '/api/system.ping', host.token);
      const rawPort = (raw.address() as AddressInfo).port;
      const bare = await timeCalls(rawPort, '/', '');
      raw.close();
      emit({ name: 'host.call.p99_ms', value: round(percentile(contract, 99)), unit: 'ms', compare: { name: 'rawHttp.call.p99_ms', value: round(percentile(bare, 99)) } });
    } finally {
      await browser.close();
      for (const c of closers.reverse()) await c();
      keepAlive.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
