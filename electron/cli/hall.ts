/**
 * `npm run hall -- [--data-dir D] [--port P] [--bind A] [--hall-name N] [--time-zone Z] [--keep-overnight]`:
 * the hall queue service alone (headless), for a hall with several windows. Clients set
 * 设置 → 叫号服务 to "remote" with the printed address and hall key.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHallServer } from '../services/queue/hall-server';
import { openHallQueue } from '../services/queue/hall-store';
import { createLogger } from '../services/log';
import { defaultDataDir } from '../services/paths';
import { option, rendererOut } from './paths';

export async function runHall(argv: readonly string[]) {
  const dir = option(argv, 'data-dir') ?? join(defaultDataDir(), 'hall');
  mkdirSync(dir, { recursive: true });
  const log = createLogger({ dir: join(dir, 'logs') });
  const { db, queue, key } = openHallQueue(dir);
  const hallName = option(argv, 'hall-name');
  const timeZone = option(argv, 'time-zone');
  queue.configure({
    ...(hallName ? { hallName } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(argv.includes('--keep-overnight') ? { keepOvernight: true } : {}),
  });
  const server = await startHallServer({
    queue,
    key,
    staticDir: rendererOut,
    log,
    port: Number(option(argv, 'port') ?? process.env.HALL_QUEUE_PORT ?? 8470),
    bindAddress: option(argv, 'bind') ?? '0.0.0.0',
  });
  const stop = () => {
    void server.close().finally(() => {
      db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { server, key, dir };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { server, key, dir } = await runHall(process.argv.slice(2));
  console.log(`大厅叫号服务已启动：端口 ${server.port}（数据目录 ${dir}）`);
  console.log(`大厅密钥：${key}`);
  console.log(`取号机：http://<本机局域网地址>:${server.port}/kiosk/#key=${key}`);
  console.log(`叫号屏：http://<本机局域网地址>:${server.port}/display/#key=${key}`);
}
