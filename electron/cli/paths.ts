import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '..', '..');
export const rendererOut = join(projectRoot, 'build', 'dist', 'renderer');
export const electronOut = join(projectRoot, 'build', 'dist', 'electron');

/**
 * The Electron binary, found by its file: requiring the `electron` package from plain Node
 * would try the (impossible here) download again.
 */
export function electronBinary(): string | null {
  const pkg = join(projectRoot, 'node_modules', 'electron');
  try {
    const rel = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
    const bin = join(pkg, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Chromium for the browser host: CHROMIUM_PATH, then the usual Debian/Ubuntu locations. */
export function chromiumBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

/** `--name value` options from argv. */
export function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}
