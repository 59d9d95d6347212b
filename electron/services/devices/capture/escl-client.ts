import { AppError } from '../../../../shared/contract/errors';
import { tagText, tagTexts, scanSettingsXml, type EsclScanSettings } from './escl-xml';
import { scannerProblem } from './scanner-messages';

export interface EsclCapabilities {
  makeAndModel: string;
  hasPlaten: boolean;
  hasFeeder: boolean;
  resolutions: number[];
  colorModes: string[];
}

export interface EsclStatus {
  state: string;
  adfState: string | undefined;
}

export interface EsclClientOptions {
  /** How long to wait between retries of a 503 (busy) NextDocument. */
  retryDelayMs?: number;
  /** sane-airscan retries 30 times while paper loads. */
  maxRetries?: number;
  timeoutMs?: number;
}

/**
 * eSCL client over HTTP: capabilities, status, a scan job and its pages. `base` is the scanner's
 * resource root, e.g. `http://192.168.1.20/eSCL`.
 */
export class EsclClient {
  private readonly base: string;
  private readonly retryDelayMs: number;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;

  constructor(base: string, options: EsclClientOptions = {}) {
    this.base = base.replace(/\/+$/, '');
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.maxRetries = options.maxRetries ?? 30;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async capabilities(): Promise<EsclCapabilities> {
    const xml = await this.text('ScannerCapabilities');
    if (!/ScannerCapabilities/.test(xml)) throw badReply();
    return {
      makeAndModel: tagText(xml, 'MakeAndModel') ?? '网络扫描仪',
      hasPlaten: /PlatenInputCaps/.test(xml),
      hasFeeder: /AdfSimplexInputCaps|AdfDuplexInputCaps/.test(xml),
      resolutions: [...new Set(tagTexts(xml, 'XResolution').map(Number).filter((n) => Number.isInteger(n) && n > 0))].sort((a, b) => a - b),
      colorModes: [...new Set(tagTexts(xml, 'ColorMode'))],
    };
  }

  async status(): Promise<EsclStatus> {
    const xml = await this.text('ScannerStatus');
    const state = tagText(xml, 'State');
    if (!state) throw badReply();
    return { state, adfState: tagText(xml, 'AdfState') };
  }

  /**
   * Runs one job: every page goes to `onPage` as it arrives (ADF: until 404). A 503 means the
   * scanner is still busy with the page and is retried. `signal` cancels and deletes the job.
   */
  async scan(settings: EsclScanSettings, onPage: (jpeg: Buffer, index: number) => Promise<void> | void, signal?: AbortSignal): Promise<number> {
    const res = await this.fetch('ScanJobs', { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: scanSettingsXml(settings) }, signal);
    await res.arrayBuffer();
    if (res.status === 503 || res.status === 409) throw await this.problemFromStatus('busy');
    if (res.status !== 201) throw await this.problemFromStatus(`POST ScanJobs → ${res.status}`);
    const location = res.headers.get('location');
    if (!location) throw badReply();
    // Trust only the path of Location: some scanners put a wrong host or a bare IPv6 in it.
    const jobPath = new URL(location, this.base + '/').pathname;
    const job = new URL(jobPath, this.base).toString();
    let pages = 0;
    let retries = 0;
    try {
      for (;;) {
        if (signal?.aborted) throw cancelled();
        const r = await this.fetch(`${job}/NextDocument`, {}, signal);
        if (r.status === 200) {
          const body = Buffer.from(await r.arrayBuffer());
          await onPage(body, pages);
          pages++;
          retries = 0;
          if (settings.source === 'Platen') break;
          continue;
        }
        await r.arrayBuffer();
        if (r.status === 503 && retries < this.maxRetries) {
          retries++;
          await sleep(this.retryDelayMs, signal);
          continue;
        }
        if (r.status === 404 && pages > 0) break;
        throw await this.problemFromStatus(r.status === 503 ? 'busy' : `NextDocument → ${r.status}`);
      }
    } catch (error) {
      await this.fetch(job, { method: 'DELETE' }).then((r) => r.arrayBuffer(), () => undefined);
      throw error;
    }
    return pages;
  }

  /** What the scanner itself says went wrong, as a Chinese message for the clerk. */
  private async problemFromStatus(fallback: string): Promise<AppError> {
    try {
      const s = await this.status();
      return scannerProblem(`${s.adfState ?? ''} ${s.state} ${fallback}`, fallback);
    } catch {
      return scannerProblem(fallback, fallback);
    }
  }

  private async text(path: string): Promise<string> {
    const res = await this.fetch(path, {});
    const body = await res.text();
    if (res.status !== 200) throw badReply();
    return body;
  }

  private async fetch(pathOrUrl: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${this.base}/${pathOrUrl}`;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      return await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      throw new AppError('OFFLINE', '连不上扫描仪。', { hint: '请检查扫描仪是否开机、网线是否插好，以及设置里的扫描仪地址是否正确。', cause: error });
    }
  }
}

const badReply = () => new AppError('BAD_REPLY', '扫描仪的回答无法识别。', { hint: '请重启扫描仪后重试；如果仍然出现，请联系信息科。' });
export const cancelled = () => new AppError('CONFLICT', '扫描已取消。', { rule: 'capture.cancelled' });

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(cancelled());
    }, { once: true });
  });
}
