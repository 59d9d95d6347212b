/**
 * `npm test`: typecheck, lint (with the import-layer rule), Vitest, then Playwright e2e when
 * there are e2e specs. Ends with one line `tests: N passed, N failed` counting every test run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'zhck-test-'));

let passed = 0;
let failed = 0;
const stageFailures: string[] = [];

function run(stage: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${stage}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  if (!ok) stageFailures.push(stage);
  return ok;
}

if (run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])) passed++;
else failed++;
if (run('lint', bin('eslint'), ['--max-warnings', '0', '.'])) passed++;
else failed++;

const vitestJson = join(scratch, 'vitest.json');
run('unit + integration (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; testResults: { status: string }[] };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load has no tests to count; count it as a failure so it cannot hide.
  failed += report.testResults.filter((t) => t.status === 'failed').length > 0 && report.numFailedTests === 0 ? 1 : 0;
} else failed++;

const e2eDir = join(root, 'test', 'e2e');
const hasSpecs = existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts'));
if (hasSpecs) {
  const pwJson = join(scratch, 'playwright.json');
  run('e2e (playwright, browser host, chromium)', bin('playwright'), ['test', '-c', 'test/e2e/playwright.config.ts'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  if (existsSync(pwJson)) {
    const report = JSON.parse(readFileSync(pwJson, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
  } else failed++;
}

rmSync(scratch, { recursive: true, force: true });
if (stageFailures.length) console.log(`\nfailed stages: ${stageFailures.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && stageFailures.length === 0 ? 0 : 1);
