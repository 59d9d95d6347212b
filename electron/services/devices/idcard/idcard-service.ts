/**
 * The ID-card capability: picks the driver the settings name, keeps it running (restarting on
 * `settings.changed`), turns each placement into one `idcard.cardRead` event and reports the
 * reader's state for the top bar. Starts lazily, on the first call that needs the reader.
 */
import { AppError } from '../../../../shared/contract/errors';
import type { CardReadPayload, IdcardStatus } from '../../../../shared/contract/idcard';
import type { Settings } from '../../../../shared/contract/settings';
import type { EventHub } from '../../events';
import { describeError, type Logger } from '../../log';
import { fixtureCards } from './fixtures';
import { type PhotoDecoder, loadPhotoDecoder } from './photo-decoder';
import { listPorts } from './ports';
import { clerkMessage, ReaderLoop, type ReaderState } from './reader-loop';
import type { CardRead } from './sam-reader';
import { createSerialDriver } from './serial-driver';
import { SimulatorHost } from './simulator-host';
import { openVendorBackend } from './vendor-driver';

type IdcardSettings = Settings['devices']['idcard'];

export class IdCardService {
  private loop: ReaderLoop | null = null;
  private simulator: SimulatorHost | null = null;
  private decoder: PhotoDecoder | null = null;
  private config: IdcardSettings;
  private starting: Promise<void> | null = null;
  private placed: string | null = null;
  private current: IdcardStatus;
  private stopped = false;
  /** performance.now() of the reply frame behind the last delivered card (benchmark). */
  lastReplyAt = 0;

  constructor(
    private readonly settings: { get(): Settings },
    private readonly events: EventHub,
    private readonly log: Logger,
    private readonly options: { pollMs?: number } = {},
  ) {
    this.config = settings.get().devices.idcard;
    this.current = { driver: this.config.driver, state: 'disconnected', photoDecoder: false };
    events.subscribe((name, payload) => {
      if (name !== 'settings.changed') return;
      const next = (payload as Settings).devices.idcard;
      if (JSON.stringify(next) === JSON.stringify(this.config)) return;
      this.config = next;
      if (this.starting) void this.restart();
      else this.publish({ driver: next.driver, state: 'disconnected', photoDecoder: false });
    });
  }

  /** Current state; starts the reader the first time it is asked. */
  status(): IdcardStatus {
    void this.ensureStarted();
    return this.current;
  }

  ensureStarted(): Promise<void> {
    this.starting ??= this.start();
    return this.starting;
  }

  async restart(): Promise<void> {
    const previous = this.starting;
    this.starting = (async () => {
      await previous?.catch(() => undefined);
      await this.teardown();
      await this.start();
    })();
    return this.starting;
  }

  private async start(): Promise<void> {
    if (this.stopped) return;
    const c = this.config;
    this.placed = null;
    this.publish({ driver: c.driver, state: 'disconnected', photoDecoder: false, message: c.driver === 'none' ? '未配置读卡器' : '正在连接读卡器…' });
    if (c.driver === 'none') return;
    if (c.photoDecoderPath) {
      try {
        this.decoder = loadPhotoDecoder(c.photoDecoderPath);
      } catch (error) {
        this.log.warn('photo decoder not loaded', describeError(error));
        this.events.emit('system.notice', { level: 'warning', message: '证件相片解码库无法加载，读卡时不显示相片。', hint: clerkMessage(error) });
      }
    }
    const events = {
      state: (state: ReaderState, message?: string) => this.publish({ ...this.current, state, ...(message === undefined ? { message: undefined } : { message }) }),
      card: (read: CardRead, replyAt: number) => {
        this.lastReplyAt = replyAt;
        void this.deliver(read);
      },
    };
    const pollMs = this.options.pollMs ?? 200;
    try {
      if (c.driver === 'vendorLibrary') {
        const port = Number(c.port || '1001');
        this.loop = new ReaderLoop({ open: () => openVendorBackend({ libraryPath: c.vendorLibraryPath, flavour: c.vendorFlavour, port: Number.isFinite(port) ? port : 1001, readNewestAddress: c.readNewestAddress }), pollMs }, events);
      } else {
        let path = c.port;
        if (c.driver === 'simulator') {
          this.simulator = await SimulatorHost.start();
          path = this.simulator.path;
        } else if (!path) path = await discoverPort();
        this.current = { ...this.current, port: path };
        this.loop = createSerialDriver({ path, readFingerprint: c.readFingerprint, readNewestAddress: c.readNewestAddress, pollMs }, events);
      }
      if (this.stopped) return this.teardown();
      this.loop.start();
    } catch (error) {
      this.log.warn('id card reader not started', describeError(error));
      this.publish({ ...this.current, state: 'fault', message: clerkMessage(error) });
    }
  }

  private async deliver(read: CardRead): Promise<void> {
    const payload = await this.toPayload(read);
    this.events.emit('idcard.cardRead', payload);
  }

  private async toPayload(read: CardRead): Promise<CardReadPayload> {
    const payload: CardReadPayload = { ...read.card, readAt: new Date().toISOString() };
    if (this.decoder && read.photo) {
      try {
        payload.photoDataUrl = await this.decoder.decode(read.photo);
      } catch (error) {
        // The card is still good without its photo; the clerk compares the face with the card itself.
        this.events.emit('system.notice', { level: 'warning', message: '证件相片无法显示。', hint: clerkMessage(error) });
      }
    }
    return payload;
  }

  private publish(status: IdcardStatus): void {
    const next: IdcardStatus = { ...status, driver: this.config.driver, photoDecoder: this.decoder !== null };
    if (next.message === undefined) delete next.message;
    if (next.port === undefined) delete next.port;
    this.current = next;
    this.events.emit('idcard.state', next);
  }

  async readOnce(): Promise<CardReadPayload> {
    await this.ensureStarted();
    if (!this.loop) throw new AppError('DEVICE', this.current.message ?? '读卡器未连接。', { hint: '请在设置中检查读卡器配置。' });
    return this.toPayload(await this.loop.readOnce());
  }

  listPorts() {
    return listPorts();
  }

  fixtures() {
    return { fixtures: fixtureCards.map((f) => ({ id: f.id, label: f.label, cardType: f.cardType })), placed: this.placed };
  }

  private async sim(): Promise<SimulatorHost> {
    if (this.config.driver !== 'simulator') throw new AppError('RULE_VIOLATION', '只有读卡器设置为“模拟设备”时才能放置模拟证件。', { hint: '请在设置中把身份证读卡器改为模拟设备（培训用）。' });
    await this.ensureStarted();
    if (!this.simulator) throw new AppError('DEVICE', this.current.message ?? '模拟读卡器没有启动。', { hint: '请检查设置后重试。' });
    return this.simulator;
  }

  async place(cardId: string): Promise<{ placed: string | null }> {
    const sim = await this.sim();
    if (!fixtureCards.some((f) => f.id === cardId)) throw new AppError('NOT_FOUND', '没有这张模拟证件。', { hint: '请从列表中选择。' });
    // Placing a different card means taking the previous one away first, as a clerk would.
    if (this.placed && this.placed !== cardId) {
      await sim.send({ op: 'remove' });
      await this.waitForRemoval();
    }
    await sim.send({ op: 'place', cardId });
    this.placed = cardId;
    return { placed: cardId };
  }

  async remove(): Promise<{ placed: string | null }> {
    const sim = await this.sim();
    await sim.send({ op: 'remove' });
    this.placed = null;
    // Answer once the reader has noticed, so that placing the card again reads it again.
    await this.waitForRemoval();
    return { placed: null };
  }

  private async waitForRemoval(): Promise<void> {
    // A passing fault (a command timing out on a busy machine) must not end the wait early: the
    // loop would still think the old card lies there and never read the new one. Capped at 10 s
    // for a reader that stays broken.
    for (let i = 0; i < 500 && this.loop?.cardPresent; i++) await new Promise((r) => setTimeout(r, 20));
  }

  private async teardown(): Promise<void> {
    const loop = this.loop;
    this.loop = null;
    await loop?.stop();
    this.simulator?.stop();
    this.simulator = null;
    this.decoder?.close();
    this.decoder = null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    await this.teardown();
  }

  /** Synchronous part of stopping, for a host that is exiting: no child process outlives it. */
  kill(): void {
    this.stopped = true;
    this.simulator?.stop();
    void this.loop?.stop();
  }
}

async function discoverPort(): Promise<string> {
  const { ports } = await listPorts();
  const usb = ports.find((p) => /ttyUSB|ttyACM|^COM\d+/i.test(p.path));
  if (!usb) throw new AppError('DEVICE', '没有找到读卡器的串口。', { hint: '请插好读卡器，或在设置中填写串口（如 /dev/ttyUSB0、COM3）。' });
  return usb.path;
}
