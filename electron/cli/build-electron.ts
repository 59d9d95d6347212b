/** Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, self-contained). */
import { build } from 'esbuild';
import { join } from 'node:path';
import { electronOut, projectRoot } from './paths';

export async function buildElectron(): Promise<void> {
  const external = ['electron', 'better-sqlite3', 'serialport', 'koffi', '@serialport/*'];
  await build({
    entryPoints: [join(projectRoot, 'electron/main/index.ts')],
    outfile: join(electronOut, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  // The simulated ID-card reader runs as its own process beside main.mjs (SimulatorHost forks it).
  await build({
    entryPoints: [join(projectRoot, 'electron/services/devices/idcard/simulator-process.ts')],
    outfile: join(electronOut, 'idcard-simulator.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
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
