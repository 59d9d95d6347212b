import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attachment, Scanner, scanRequestSchema } from '../../../shared/contract/capture';
import { AppError, isAppError } from '../../../shared/contract/errors';
import type { z } from '../../../shared/contract/zod';
import { EsclClient } from '../devices/capture/escl-client';
import { discoverEscl } from '../devices/capture/escl-mdns';
import { naps2ScanArgs } from '../devices/capture/naps2';
import { runTool } from '../devices/capture/process';
import { SaneScanner } from '../devices/capture/sane';
import type { EventHub } from '../events';
import type { SettingsService } from '../settings/settings-service';
import type { AttachmentsService } from './attachments-service';

export type ScanRequest = z.output<typeof scanRequestSchema>;

/**
 * Runs a scan with whichever driver the request names and stores each page as it arrives, so a
 * jam on page 3 keeps pages 1 and 2. One scan at a time per window.
 */
export class ScanService {
  private running: AbortController | null = null;

  constructor(
    private readonly attachments: AttachmentsService,
    private readonly events: EventHub,
    private readonly settings: SettingsService,
    private readonly sane = new SaneScanner(),
  ) {}

  async list(): Promise<Scanner[]> {
    const out: Scanner[] = [];
    const s = this.settings.get().devices.scanner;
    if (s.kind === 'escl' && s.address) {
      try {
        const caps = await new EsclClient(s.address, { timeoutMs: 5000 }).capabilities();
        out.push({ kind: 'escl', address: s.address, name: caps.makeAndModel, hasFeeder: caps.hasFeeder });
      } catch {
        out.push({ kind: 'escl', address: s.address, name: '网络扫描仪（未连接）', hasFeeder: false });
      }
    }
    if (s.kind === 'naps2') out.push({ kind: 'naps2', address: s.address, name: s.address || 'TWAIN 扫描仪', hasFeeder: true });
    const [network, sane] = await Promise.all([
      discoverEscl(1500),
      // No SANE on this machine (Windows, or sane-utils missing): the other kinds still work.
      process.platform === 'linux' ? this.sane.list().catch(() => []) : Promise.resolve([]),
    ]);
    for (const d of network) if (d.url !== s.address) out.push({ kind: 'escl', address: d.url, name: d.name, hasFeeder: true });
    for (const d of sane) out.push({ kind: 'sane', address: d.name, name: `${d.vendor} ${d.model}`.trim() || d.name, hasFeeder: true });
    return out;
  }

  cancel(): boolean {
    if (!this.running) return false;
    this.running.abort();
    return true;
  }

  async scan(req: ScanRequest): Promise<Attachment[]> {
    if (this.running) throw new AppError('CONFLICT', '上一次扫描还没有结束。', { hint: '请等待扫描完成，或先点“取消扫描”。' });
    const ctl = new AbortController();
    this.running = ctl;
    const slot = { caseId: req.caseId, materialId: req.materialId };
    const stored: Attachment[] = [];
    const progress = (state: 'scanning' | 'done' | 'failed' | 'cancelled', message?: string) =>
      this.events.emit('capture.progress', { ...slot, pages: stored.length, state, ...(message ? { message } : {}) });
    const store = (jpeg: Buffer) => {
      stored.push(this.attachments.add(slot, jpeg, { source: req.kind }));
      progress('scanning');
    };
    progress('scanning');
    try {
      if (req.kind === 'escl') await this.scanEscl(req, store, ctl.signal);
      else await this.scanWithTool(req, store, ctl.signal);
      progress('done');
      return stored;
    } catch (error) {
      const cancelledNow = ctl.signal.aborted;
      progress(cancelledNow ? 'cancelled' : 'failed', isAppError(error) ? error.message : undefined);
      if (isAppError(error) && stored.length > 0) throw new AppError(error.code, `${error.message}已保存 ${stored.length} 页。`, { ...(error.hint ? { hint: error.hint } : {}), ...(error.rule ? { rule: error.rule } : {}) });
      throw error;
    } finally {
      this.running = null;
    }
  }

  private async scanEscl(req: ScanRequest, store: (jpeg: Buffer) => void, signal: AbortSignal): Promise<void> {
    const client = new EsclClient(req.address);
    await client.scan({ source: req.source === 'feeder' ? 'Feeder' : 'Platen', colorMode: req.colorMode === 'color' ? 'RGB24' : 'Grayscale8', dpi: req.dpi, width: 2480, height: 3508, format: 'image/jpeg' }, (jpeg) => store(jpeg), signal);
  }

  private async scanWithTool(req: ScanRequest, store: (jpeg: Buffer) => void, signal: AbortSignal): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'zhck-scan-'));
    try {
      if (req.kind === 'sane') {
        const r = await this.sane.scan({ device: req.address, source: req.source, colorMode: req.colorMode, dpi: req.dpi }, dir, signal);
        r.pages.forEach(store);
        if (r.problem) throw r.problem;
        return;
      }
      const s = this.settings.get().devices.scanner;
      if (!s.naps2Path) throw new AppError('DEVICE', '没有设置 NAPS2 扫描程序的位置。', { hint: '请在“设置 → 设备”里填写 NAPS2.Console.exe 的路径。' });
      const r = await runTool(s.naps2Path, naps2ScanArgs({ driver: 'twain', device: req.address, source: req.source, colorMode: req.colorMode, dpi: req.dpi }, dir), { signal }).catch((error: unknown) => {
        throw new AppError('DEVICE', '无法启动 NAPS2 扫描程序。', { hint: '请检查“设置 → 设备”里 NAPS2.Console.exe 的路径是否正确。', cause: error });
      });
      const files = readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort();
      files.forEach((f) => store(readFileSync(join(dir, f))));
      if (files.length === 0) throw new AppError('DEVICE', '扫描仪没有送回任何页面。', { hint: '请检查扫描仪是否放好纸、是否已开机，然后重试。', cause: new Error(r.stderr) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
