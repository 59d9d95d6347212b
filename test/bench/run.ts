/** `npm run bench [-- prefix…]`: runs every benchmark module (or those matching), one JSON line per figure. */
import type { BenchModule, Figure } from './harness';
import authBench from './auth.bench';
import casesBench from './cases.bench';
import captureBench from './capture.bench';
import hostBench from './host.bench';
import idcardBench from './idcard.bench';
import queueBench from './queue.bench';
import syncBench from './sync.bench';
import ratingBench from './rating.bench';
import workspaceBench from './workspace.bench';

const modules: BenchModule[] = [hostBench, casesBench, idcardBench, queueBench, captureBench, workspaceBench, authBench, ratingBench, syncBench];

const filters = process.argv.slice(2);
const selected = modules.filter((m) => filters.length === 0 || filters.some((f) => m.prefix.startsWith(f) || f.startsWith(m.prefix)));
// A module's figures are all printed, whatever their names (cases.bench also reports catalog.search).
const emit = (f: Figure) => process.stdout.write(JSON.stringify(f) + '\n');
// One module that fails (a device page timing out on a loaded machine) must not cost the others'
// figures: it is reported on stderr and the run exits non-zero at the end.
const failed: string[] = [];
for (const m of selected) {
  try {
    await m.run(emit);
  } catch (error) {
    failed.push(m.prefix);
    process.stderr.write(`bench ${m.prefix} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
if (failed.length > 0) {
  process.stderr.write(`failed bench modules: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
