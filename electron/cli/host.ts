/** `npm run host`: the browser host alone (no browser window), for a hall that uses plain browsers. */
import { createAppServices } from '../services/app';
import { defaultDataDir } from '../services/paths';
import { startBrowserHost } from '../host/server';
import { option, rendererOut } from './paths';

export async function runBrowserHost(argv: readonly string[]) {
  const dataDir = option(argv, 'data-dir') ?? defaultDataDir();
  const port = Number(option(argv, 'port') ?? process.env.HALL_PORT ?? 0);
  const services = createAppServices({ dataDir, host: 'browser', rendererDir: rendererOut });
  const host = await startBrowserHost({ services, staticDir: rendererOut, port, bindAddress: option(argv, 'bind') ?? '127.0.0.1' });
  const stop = () => {
    void host.close().finally(() => {
      services.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { services, host };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { host, services } = await runBrowserHost(process.argv.slice(2));
  console.log(`综合窗口本机服务已启动：${host.pageUrl('clerk')}`);
  console.log(`数据目录：${services.layout.root}`);
}
