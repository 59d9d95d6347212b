/** Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, self-contained). */
import { build } from 'esbuild';
import { join } from 'node:path';
import { electronOut, projectRoot } from './paths';

export async function buildElectron(): Promise<void> {
  const external = ['electron', 'better-sqlite3', 'serialport', 'koffi', '@serialport/*'];
  const nodeEsm = (entry: string, out: string) =>
    build({
      entryPoints: [join(projectRoot, entry)],
      outfile: join(electronOut, out),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external,
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'warning',
    });
  await nodeEsm('electron/main/index.ts', 'main.mjs');
  // The simulated ID-card reader runs as its own process beside main.mjs (SimulatorHost forks it).
  await nodeEsm('electron/services/devices/idcard/simulator-process.ts', 'idcard-simulator.mjs');
  // A sandboxed preload cannot require project files, so it is bundled whole.
  await build({
    entryPoints: [join(projectRoot, 'electron/preload/index.ts')],
    outfile: join(electronOut, 'preload.cjs'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildElectron();
