/** `npm run bench [-- prefix…]`: runs every benchmark module (or those matching), one JSON line per figure. */
import type { BenchModule, Figure } from './harness';
import hostBench from './host.bench';
import idcardBench from './idcard.bench';
import syncBench from './sync.bench';

const modules: BenchModule[] = [hostBench, idcardBench, syncBench];

const filters = process.argv.slice(2);
const selected = modules.filter((m) => filters.length === 0 || filters.some((f) => m.prefix.startsWith(f) || f.startsWith(m.prefix)));
const emit = (f: Figure) => {
  if (filters.length === 0 || filters.some((p) => f.name.startsWith(p) || p === f.name.split('.')[0])) process.stdout.write(JSON.stringify(f) + '\n');
};
for (const m of selected) await m.run(emit);
