import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const config = JSON.parse(readFileSync(resolve(root, 'build/electron-builder.json'), 'utf8'));
const require = createRequire(import.meta.url);
// electron-builder's own validator against its own schema: the check `npm run dist` runs first.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(c: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const logger = { isEnabled: false, add: () => undefined };

describe('electron-builder configuration', () => {
  it('passes electron-builder’s schema validation', async () => {
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
  });

  it('a broken configuration is refused by the same validator', async () => {
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, oneClick: 'sometimes' }, notAnOption: true }, logger)).rejects.toThrow();
  });

  it('targets Windows NSIS x64 and Linux deb + AppImage on x64 and arm64, with 综合窗口 as product name', () => {
    expect(config.productName).toBe('综合窗口');
    expect(config.directories.buildResources).toBe('build');
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    const linux = Object.fromEntries(config.linux.target.map((t: { target: string; arch: string[] }) => [t.target, t.arch]));
    expect(linux).toEqual({ deb: ['x64', 'arm64'], AppImage: ['x64', 'arm64'] });
  });

  it('has a 512×512 PNG icon in build/', () => {
    const png = readFileSync(resolve(root, config.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
  });
});
