/** Builds the renderer pages (and, where the Electron package exists, the main and preload bundles). */
import { build as viteBuild } from 'vite';
import { projectRoot } from './paths';

export async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: `${projectRoot}/vite.config.ts`, logLevel: 'warn' });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildRenderer();
  console.log('已构建界面：build/dist/renderer');
}
