/** Two connected pseudo-terminals from `socat`: a serial cable in software. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../../shared/contract/errors';

export interface PtyPair {
  /** The reader's end: the simulator opens it. */
  deviceEnd: string;
  /** The host's end: the serial driver opens it, as it would /dev/ttyUSB0. */
  hostEnd: string;
  close(): void;
}

export const socatMissing = () =>
  new AppError('DEVICE', '无法启动模拟读卡器：本机没有安装 socat。', {
    hint: '请联系信息科安装 socat（Debian/统信/麒麟：apt-get install socat），或在设置中改用真实读卡器。',
  });

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'zhck-pty-'));
  const deviceEnd = join(dir, 'reader');
  const hostEnd = join(dir, 'host');
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${deviceEnd}`, `pty,raw,echo=0,link=${hostEnd}`], { stdio: 'ignore' });
  const cleanup = () => {
    if (child.exitCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: AppError) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      if (error) {
        cleanup();
        reject(error);
      } else resolve();
    };
    child.once('error', (e: NodeJS.ErrnoException) =>
      finish(e.code === 'ENOENT' ? socatMissing() : new AppError('DEVICE', '无法启动模拟读卡器。', { hint: '请重试；仍然失败请联系信息科。', cause: e })),
    );
    child.once('exit', () => finish(new AppError('DEVICE', '模拟读卡器的虚拟串口意外关闭。', { hint: '请重试；仍然失败请联系信息科。' })));
    const started = Date.now();
    const poll = setInterval(() => {
      if (existsSync(deviceEnd) && existsSync(hostEnd)) finish();
      else if (Date.now() - started > 10_000) finish(new AppError('TIMEOUT', '模拟读卡器的虚拟串口没有建立。', { hint: '请重试；仍然失败请联系信息科。' }));
    }, 10);
  });
  return { deviceEnd, hostEnd, close: cleanup };
}
