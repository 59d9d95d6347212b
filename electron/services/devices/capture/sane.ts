import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../../shared/contract/errors';
import { runTool } from './process';
import { scannerProblem } from './scanner-messages';

export interface SaneDevice {
  name: string;
  vendor: string;
  model: string;
  type: string;
}

export interface SaneScanOptions {
  device: string;
  source: 'platen' | 'feeder';
  colorMode: 'color' | 'gray';
  dpi: number;
  /** Extra backend options, e.g. `--test-picture=Grid` for the test backend. */
  extra?: string[];
}

/** Parses `scanimage -f '%d\t%v\t%m\t%t%n'` output. */
export function parseDeviceList(out: string): SaneDevice[] {
  return out
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => {
      const [name = '', vendor = '', model = '', type = ''] = l.split('\t');
      return { name, vendor, model, type };
    });
}

/**
 * scanimage arguments for a batch into `dir`. The source names differ per backend; the usual
 * ones are Flatbed and ADF ("Automatic Document Feeder" in the test backend), picked from `-A`.
 */
export function scanArgs(o: SaneScanOptions, dir: string, sourceName: string | null): string[] {
  const args = ['-d', o.device, '--format=jpeg', `--batch=${join(dir, 'page-%04d.jpg')}`, '--resolution', String(o.dpi), '--mode', o.colorMode === 'color' ? 'Color' : 'Gray'];
  if (sourceName) args.push('--source', sourceName);
  if (o.source === 'platen') args.push('--batch-count=1');
  args.push(...(o.extra ?? []));
  return args;
}

/** Picks the backend's name for the platen or the feeder from its `--source a|b|c` line. */
export function pickSource(optionsText: string, want: 'platen' | 'feeder'): string | null {
  const m = /--source\s+([^[\n]+?)\s*\[/.exec(optionsText);
  if (!m) return null;
  const names = m[1]!.split('|');
  const re = want === 'feeder' ? /adf|feeder/i : /flatbed|platen/i;
  return names.find((n) => re.test(n)) ?? null;
}

/** SANE through scanimage (Linux): list, options, batch scan. */
export class SaneScanner {
  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly binary = 'scanimage',
    /** A scanner that stops answering mid-scan is given up after this long. */
    private readonly timeoutMs = 120_000,
  ) {}

  async list(): Promise<SaneDevice[]> {
    const r = await this.run(['-f', '%d\t%v\t%m\t%t%n']);
    return parseDeviceList(r.stdout);
  }

  async options(device: string): Promise<string> {
    return (await this.run(['-d', device, '-A'])).stdout;
  }

  /** Scans into `dir` and returns the pages in order; a problem after some pages still returns them with the error. */
  async scan(o: SaneScanOptions, dir: string, signal?: AbortSignal): Promise<{ pages: Buffer[]; problem: AppError | null }> {
    const source = pickSource(await this.options(o.device), o.source);
    if (o.source === 'feeder' && !source) throw new AppError('DEVICE', '这台扫描仪没有进纸器。', { hint: '请改用平板扫描，一次放一页。' });
    const r = await this.run(scanArgs(o, dir, source), signal);
    const files = readdirSync(dir).filter((f) => /^page-\d+\.jpg$/.test(f)).sort();
    const pages = files.map((f) => readFileSync(join(dir, f)));
    for (const f of files) rmSync(join(dir, f));
    // scanimage ends an ADF batch with "Document feeder out of documents" (exit 0 or 7).
    const feederDone = /out of documents/i.test(r.stderr) && pages.length > 0;
    const problem = r.code === 0 || feederDone ? null : scannerProblem(r.stderr, `scanimage exit ${r.code}`);
    if (problem && pages.length === 0) throw problem;
    return { pages, problem };
  }

  private async run(args: string[], signal?: AbortSignal) {
    try {
      const r = await runTool(this.binary, args, { env: this.env, timeoutMs: this.timeoutMs, ...(signal ? { signal } : {}) });
      if (r.code === null && !signal?.aborted)
        throw new AppError('DEVICE', '扫描仪长时间没有响应，本次扫描已停止。', { hint: '请检查扫描仪是否卡纸或断开，关机再开机后重试；已保存的页不受影响。' });
      return r;
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw new AppError('DEVICE', '本机没有安装 SANE 扫描程序（scanimage）。', { hint: '请联系信息科安装 sane-utils，或在设置中改用其他扫描方式。', cause: error });
      if (signal?.aborted) throw new AppError('CONFLICT', '扫描已取消。', { rule: 'capture.cancelled' });
      throw error;
    }
  }
}
