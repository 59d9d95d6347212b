import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function layerMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/import-layers').map((m) => m.message);
}

describe('import-layers lint rule', () => {
  it('fires when shared imports the services layer', async () => {
    const msgs = await layerMessages('shared/domain/x.ts', "import { migrate } from '../../electron/services/db/migrate';\nexport const y = migrate;\n");
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/'shared' may not import from layer 'services'/);
  });

  it('fires when the renderer imports services or Node built-ins', async () => {
    expect(await layerMessages('renderer/clerk/x.ts', "import { openDatabase } from '../../electron/services/db/connection';\nexport const y = openDatabase;\n")).toHaveLength(1);
    expect(await layerMessages('renderer/clerk/x.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n")).toHaveLength(1);
  });

  it('fires when services import electron or a host', async () => {
    expect(await layerMessages('electron/services/x.ts', "import { app } from 'electron';\nexport const y = app;\n")).toHaveLength(1);
    expect(await layerMessages('electron/services/x.ts', "import * as h from '../host/server';\nexport const y = h;\n")).toHaveLength(1);
  });

  it('allows the permitted directions', async () => {
    expect(await layerMessages('electron/host/x.ts', "import { migrate } from '../services/db/migrate';\nimport { methods } from '../../shared/contract';\nexport const y = [migrate, methods];\n")).toEqual([]);
    expect(await layerMessages('renderer/clerk/x.ts', "import { methods } from '../../shared/contract';\nexport const y = methods;\n")).toEqual([]);
  });
});
