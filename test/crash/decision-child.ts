/**
 * Crash-test worker: makes decisions until the database holds `target` accepted cases, printing
 * `C <caseId> <caseNo>` after each commit returns — the moment a clerk would be told "已受理".
 */
import { writeSync } from 'node:fs';
import { createAppServices } from '../../electron/services/app';
import { sampleGuides } from '../../electron/services/catalog/sample-catalog';
import { applicant } from '../support/people';

const [dataDir, targetArg] = process.argv.slice(2);
const target = Number(targetArg ?? 1000);
const services = createAppServices({ dataDir: dataDir!, host: 'browser', sampleCatalogSize: 50 });
const count = () => (services.db.prepare("SELECT count(*) AS n FROM cases WHERE status = 'accepted'").get() as { n: number }).n;
writeSync(1, 'READY\n');
let i = count();
while (count() < target) {
  i++;
  const d = services.cases.saveDraft({ applicant: applicant(`申请人${i}`, i % 999), itemIds: [sampleGuides.gtgsh.id] });
  const filled = services.cases.saveDraft({
    caseId: d.id,
    materials: d.materials.filter((m) => m.necessity === 'required').map((m) => ({ key: m.key, state: 'paper' as const })),
  });
  const { case: c } = services.cases.accept(filled.id);
  writeSync(1, `C ${c.id} ${c.caseNo}\n`);
}
services.close();
writeSync(1, 'DONE\n');
