import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NS, parseScanSettings } from './escl-xml';

export interface EsclSimulatorOptions {
  /** JPEG pages; the platen returns the first, the feeder all of them in turn. */
  pages: Buffer[];
  /** NextDocument answers 503 this many times before each page (exercises the client's retry). */
  busyBeforeEachPage?: number;
}

type AdfState = 'ScannerAdfLoaded' | 'ScannerAdfEmpty' | 'ScannerAdfJam';

interface Job {
  id: string;
  source: 'Platen' | 'Feeder';
  delivered: number;
  busyLeft: number;
  done: boolean;
}

/**
 * An eSCL (AirScan) scanner on 127.0.0.1 that real clients accept — sane-airscan included:
 * capabilities with platen and ADF, status, ScanJobs → 201 + Location, NextDocument with 503
 * busy answers and 404 after the last page, DELETE to cancel. Paper problems on demand.
 */
export class EsclSimulator {
  private server: Server | null = null;
  private readonly jobs = new Map<string, Job>();
  adfState: AdfState = 'ScannerAdfLoaded';
  /** Jam after this many feeder pages of the next job (null: never). */
  jamAfter: number | null = null;
  /** Every request, for tests: `METHOD path`. */
  readonly requests: string[] = [];
  readonly scanSettingsBodies: string[] = [];

  constructor(private readonly options: EsclSimulatorOptions) {}

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this.baseUrl;
  }

  get baseUrl(): string {
    const a = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${a.port}/eSCL`;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  get activeJobs(): number {
    return [...this.jobs.values()].filter((j) => !j.done).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.requests.push(`${req.method} ${path}`);
    const send = (status: number, type?: string, data?: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(type ? { 'Content-Type': type } : {}), ...headers });
      res.end(data);
    };
    if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities') return send(200, 'text/xml', this.capabilitiesXml());
    if (req.method === 'GET' && path === '/eSCL/ScannerStatus') return send(200, 'text/xml', this.statusXml());
    if (req.method === 'POST' && path === '/eSCL/ScanJobs') {
      this.scanSettingsBodies.push(body);
      const settings = parseScanSettings(body);
      if (!settings) return send(400);
      if (this.activeJobs > 0) return send(503);
      if (settings.source === 'Feeder' && this.adfState !== 'ScannerAdfLoaded') return send(409);
      const job: Job = { id: randomUUID(), source: settings.source, delivered: 0, busyLeft: this.options.busyBeforeEachPage ?? 0, done: false };
      this.jobs.set(job.id, job);
      return send(201, undefined, undefined, { Location: `http://${req.headers.host}/eSCL/ScanJobs/${job.id}` });
    }
    const m = /^\/eSCL\/ScanJobs\/([0-9a-f-]+)(\/NextDocument|\/ScanImageInfo)?$/.exec(path);
    const job = m ? this.jobs.get(m[1]!) : undefined;
    if (!m || !job) return send(404);
    if (req.method === 'DELETE' && !m[2]) {
      job.done = true;
      return send(200);
    }
    if (req.method === 'GET' && m[2] === '/NextDocument') {
      if (job.done) return send(404);
      const total = job.source === 'Platen' ? 1 : this.options.pages.length;
      if (job.delivered >= total) {
        job.done = true;
        if (job.source === 'Feeder') this.adfState = 'ScannerAdfEmpty';
        return send(404);
      }
      if (job.source === 'Feeder' && this.jamAfter !== null && job.delivered >= this.jamAfter) {
        this.adfState = 'ScannerAdfJam';
        this.jamAfter = null;
        job.done = true;
        return send(409);
      }
      if (job.busyLeft > 0) {
        job.busyLeft--;
        return send(503);
      }
      const page = this.options.pages[job.delivered]!;
      job.delivered++;
      job.busyLeft = this.options.busyBeforeEachPage ?? 0;
      return send(200, 'image/jpeg', page);
    }
    return send(405);
  }

  private statusXml(): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:pwg="${NS.pwg}" xmlns:scan="${NS.scan}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:State>${this.activeJobs > 0 ? 'Processing' : 'Idle'}</pwg:State>
  <scan:AdfState>${this.adfState}</scan:AdfState>
</scan:ScannerStatus>
`;
  }

  private capabilitiesXml(): string {
    const inputCaps = (tag: string) => `<scan:${tag}>
      <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>
      <scan:MaxScanRegions>1</scan:MaxScanRegions>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
        <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt></scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>
          ${[75, 100, 150, 200, 300].map((r) => `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`).join('')}
        </scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>
      <scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>Photo</scan:Intent></scan:SupportedIntents>
      <scan:MaxOpticalXResolution>300</scan:MaxOpticalXResolution><scan:MaxOpticalYResolution>300</scan:MaxOpticalYResolution>
    </scan:${tag}>`;
    return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:pwg="${NS.pwg}" xmlns:scan="${NS.scan}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>综合窗口模拟网络扫描仪</pwg:MakeAndModel>
  <pwg:SerialNumber>SIM0001</pwg:SerialNumber>
  <scan:UUID>4509a320-00a0-008f-00b6-002507510eca</scan:UUID>
  <scan:Platen>${inputCaps('PlatenInputCaps')}</scan:Platen>
  <scan:Adf>${inputCaps('AdfSimplexInputCaps')}
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>
`;
  }
}
