import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { makePageJpeg } from '../../../../test/support/pages';
import { makeTempDir } from '../../../../test/support/tmp';
import { imageInfo } from '../../blobs/image-info';
import { EsclClient } from './escl-client';
import { parseScanSettings, type EsclScanSettings } from './escl-xml';
import { EsclSimulator } from './escl-simulator';

const tmp = makeTempDir();
afterAll(tmp.cleanup);
const pages = [1, 2, 3].map((n) => makePageJpeg(200, 283, n));
const feeder: EsclScanSettings = { source: 'Feeder', colorMode: 'RGB24', dpi: 200, width: 2480, height: 3508, format: 'image/jpeg' };
let sim: EsclSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(options: ConstructorParameters<typeof EsclSimulator>[0]) {
  sim = new EsclSimulator(options);
  const base = await sim.start();
  return { sim, client: new EsclClient(base, { retryDelayMs: 5 }) };
}

async function expectAppError(p: Promise<unknown>, re: RegExp): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).message).toMatch(re);
  return e as AppError;
}

describe('eSCL client against the simulator', () => {
  it('reads capabilities and status', async () => {
    const { client } = await start({ pages });
    const caps = await client.capabilities();
    expect(caps).toMatchObject({ hasPlaten: true, hasFeeder: true, colorModes: ['RGB24', 'Grayscale8'] });
    expect(caps.resolutions).toEqual([75, 100, 150, 200, 300]);
    expect(await client.status()).toEqual({ state: 'Idle', adfState: 'ScannerAdfLoaded' });
  });

  it('scans a 3-page ADF job through 503 busy answers, pages in order, and sends well-formed settings', async () => {
    const { sim, client } = await start({ pages, busyBeforeEachPage: 2 });
    const got: Buffer[] = [];
    expect(await client.scan(feeder, (p) => void got.push(p))).toBe(3);
    expect(got.map((g) => g.equals(pages[got.indexOf(g)]!))).toEqual([true, true, true]);
    const next = sim.requests.filter((r) => r.endsWith('/NextDocument'));
    // 3 pages × (2 busy + 1 page) + the final 404.
    expect(next).toHaveLength(10);
    expect(parseScanSettings(sim.scanSettingsBodies[0]!)).toEqual(feeder);
    expect(sim.scanSettingsBodies[0]).toMatch(/<scan:Duplex>false<\/scan:Duplex>/);
  });

  it('gives up on a scanner that stays busy, deletes the job and says so in Chinese', async () => {
    const { sim, client: _ } = await start({ pages, busyBeforeEachPage: 100 });
    const client = new EsclClient(sim.baseUrl, { retryDelayMs: 1, maxRetries: 3 });
    await expectAppError(client.scan(feeder, () => undefined), /正忙/);
    expect(sim.requests.at(-1)).toMatch(/^DELETE \/eSCL\/ScanJobs\//);
    expect(sim.activeJobs).toBe(0);
  });

  it('a platen scan returns one page', async () => {
    const { client } = await start({ pages });
    const got: Buffer[] = [];
    expect(await client.scan({ ...feeder, source: 'Platen' }, (p) => void got.push(p))).toBe(1);
  });

  it('reports a jam after the pages already delivered, and an empty feeder', async () => {
    const { sim, client } = await start({ pages });
    sim.jamAfter = 2;
    const got: Buffer[] = [];
    await expectAppError(client.scan(feeder, (p) => void got.push(p)), /卡纸/);
    expect(got).toHaveLength(2);
    sim.adfState = 'ScannerAdfEmpty';
    const e = await expectAppError(client.scan(feeder, () => undefined), /没有纸/);
    expect(e.hint).toMatch(/进纸器/);
  });

  it('cancels a running job with DELETE', async () => {
    const { sim, client } = await start({ pages, busyBeforeEachPage: 1000 });
    const ctl = new AbortController();
    const run = client.scan(feeder, () => undefined, ctl.signal);
    await new Promise((r) => setTimeout(r, 30));
    ctl.abort();
    await expectAppError(run, /已取消/);
    await new Promise((r) => setTimeout(r, 30));
    expect(sim.requests.some((r) => r.startsWith('DELETE'))).toBe(true);
    expect(sim.activeJobs).toBe(0);
  });

  it('says the scanner is unreachable, and refuses a non-eSCL answer', async () => {
    const { sim } = await start({ pages });
    const url = sim.baseUrl;
    await sim.close();
    await expectAppError(new EsclClient(url).capabilities(), /连不上扫描仪/);
    const other = await start({ pages });
    await expectAppError(new EsclClient(other.sim.baseUrl.replace('/eSCL', '/nothing')).status(), /无法识别/);
  });
});

describe('the simulator is accepted by a real eSCL client (sane-airscan through scanimage)', () => {
  it('scanimage scans a 3-page ADF batch from it', async () => {
    const { sim } = await start({ pages: [1, 2, 3].map((n) => makePageJpeg(1654, 2339, n, 60)), busyBeforeEachPage: 1 });
    const conf = join(tmp.dir, 'sane');
    mkdirSync(conf, { recursive: true });
    writeFileSync(join(conf, 'dll.conf'), 'airscan\n');
    writeFileSync(join(conf, 'airscan.conf'), `[devices]\n"Sim" = ${sim.baseUrl}\n[options]\ndiscovery = disable\n`);
    const out = join(tmp.dir, 'airscan');
    mkdirSync(out, { recursive: true });
    const env = { ...process.env, SANE_CONFIG_DIR: conf };
    const list = await promisify(execFile)('scanimage', ['-L'], { env });
    expect(list.stdout).toMatch(/airscan:e0:Sim/);
    const r = await promisify(execFile)('scanimage', ['-d', 'airscan:e0:Sim', '--source', 'ADF', '--resolution', '200', '--format=jpeg', `--batch=${join(out, 'p%d.jpg')}`], { env }).catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect(r.stderr).not.toMatch(/invalid|error/i);
    const files = [1, 2, 3].map((n) => readFileSync(join(out, `p${n}.jpg`)));
    for (const f of files) expect(imageInfo(f).mime).toBe('image/jpeg');
    expect(sim.scanSettingsBodies[0]).toMatch(/<pwg:InputSource>Feeder<\/pwg:InputSource>/);
    expect(sim.requests.filter((q) => q.endsWith('/NextDocument')).length).toBeGreaterThanOrEqual(6);
  }, 60_000);
});
