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
for (const m of selected) await m.run(emit);
