/**
 * `npm run idcard -- decode <file>`: prints the parsed card as JSON (a whole SAM read-reply frame
 * or a bare 256-byte text block). `npm run idcard -- read --port <path> [--fingerprint]
 * [--no-newest-address]`: reads once from a real or simulated reader.
 * `npm run idcard -- simulate`: starts the simulated reader and prints the path to open.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isAppError } from '../../shared/contract/errors';
import { decodeCardBytes } from '../../shared/domain/idcard';
import { fixtureCards } from '../services/devices/idcard/fixtures';
import { SamReader } from '../services/devices/idcard/sam-reader';
import { openSerialLink } from '../services/devices/idcard/serial-link';
import { SimulatorHost } from '../services/devices/idcard/simulator-host';
import { FrameTransport } from '../services/devices/idcard/transport';

const usage = `用法：
  npm run idcard -- decode <文件>           解析读卡应答帧或 256 字节文字信息，输出 JSON
  npm run idcard -- read --port <串口路径>  从读卡器读一次证件（--fingerprint 使用 30 10 命令）
  npm run idcard -- simulate [--card <编号>] 启动模拟读卡器并显示串口路径`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, fingerprint: { type: 'boolean', default: false }, 'no-newest-address': { type: 'boolean', default: false }, card: { type: 'string' } },
  });
  const [command, file] = positionals;
  if (command === 'decode' && file) {
    const card = decodeCardBytes(new Uint8Array(readFileSync(file)));
    console.log(JSON.stringify(card, null, 2));
    return 0;
  }
  if (command === 'read' && values.port) {
    const transport = new FrameTransport(await openSerialLink(values.port));
    const reader = new SamReader(transport, { readFingerprint: values.fingerprint, readNewestAddress: !values['no-newest-address'] });
    try {
      if (!(await reader.find())) {
        console.error('读卡器上没有证件：请把证件平放在读卡区后再试。');
        return 3;
      }
      console.log(JSON.stringify((await reader.read()).card, null, 2));
      return 0;
    } finally {
      await reader.close();
    }
  }
  if (command === 'simulate') {
    const sim = await SimulatorHost.start();
    const card = values.card ?? fixtureCards[0]!.id;
    await sim.send({ op: 'place', cardId: card });
    console.log(`模拟读卡器已启动：${sim.path}（已放置 ${card}；按 Ctrl+C 结束）`);
    console.log(`可选证件：${fixtureCards.map((f) => f.id).join('、')}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    sim.stop();
    return 0;
  }
  console.error(usage);
  return 2;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (isAppError(error)) console.error(`${error.message}${error.hint ? `\n${error.hint}` : ''}`);
  else console.error(`出错了：${(error as Error)?.message ?? String(error)}`);
  process.exitCode = 1;
}
