/** Starts and steers the simulated reader: a socat pty pair plus the simulator process on its far end. */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../../shared/contract/errors';
import { openPtyPair, type PtyPair } from './pty-pair';
import type { SimulatorCommand, SimulatorReply } from './simulator-process';

/** From source (tsx) the TypeScript file; in the Electron bundle the built file beside main.mjs. */
const bundled = fileURLToPath(new URL('./idcard-simulator.mjs', import.meta.url));
const source = fileURLToPath(new URL('./simulator-process.ts', import.meta.url));

export class SimulatorHost {
  private constructor(
    private readonly pty: PtyPair,
    private readonly child: ChildProcess,
  ) {}

  /** The path the serial driver opens. */
  get path(): string {
    return this.pty.hostEnd;
  }

  static async start(options: { chunkSize?: number } = {}): Promise<SimulatorHost> {
    const pty = await openPtyPair();
    const fromBundle = existsSync(bundled);
    const child = fork(fromBundle ? bundled : source, [pty.deviceEnd], {
      execArgv: fromBundle ? [] : ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      // Inside Electron, process.execPath is the Electron binary: run it as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', SIM_CHUNK: String(options.chunkSize ?? '') },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new AppError('TIMEOUT', '模拟读卡器启动超时。', { hint: '请重试。' })), 30_000);
        child.once('message', (m: SimulatorReply) => {
          clearTimeout(timer);
          if (m.op === 'ready') resolve();
          else reject(new AppError('DEVICE', '模拟读卡器启动失败。', { hint: '请重试。' }));
        });
        child.once('exit', () => {
          clearTimeout(timer);
          reject(new AppError('DEVICE', '模拟读卡器启动失败。', { hint: '请重试；仍然失败请联系信息科。' }));
        });
      });
    } catch (error) {
      child.kill();
      pty.close();
      throw error;
    }
    return new SimulatorHost(pty, child);
  }

  send(command: SimulatorCommand): Promise<{ state: string; cardId: string | null }> {
    return new Promise((resolve, reject) => {
      if (!this.child.connected) return reject(new AppError('DEVICE', '模拟读卡器已停止。', { hint: '请在设置中重新保存读卡器设置。' }));
      const onMessage = (m: SimulatorReply) => {
        this.child.off('message', onMessage);
        if (m.op === 'ack') resolve({ state: m.state, cardId: m.cardId });
        else reject(new AppError('NOT_FOUND', m.op === 'error' ? m.message : '模拟读卡器没有应答。'));
      };
      this.child.on('message', onMessage);
      this.child.send(command);
    });
  }

  /** Pulls the cable: the pty goes away under the driver. */
  unplug(): void {
    this.pty.close();
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.pty.close();
  }
}
