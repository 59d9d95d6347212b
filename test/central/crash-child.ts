/**
 * A client process for the SIGKILL tests: opens the window database in `dir`, optionally accepts
 * `append` more cases, then pushes. `--crash afterCommit` dies right after the cases are committed,
 * `--crash afterReply` dies when the platform's reply has arrived but before the local ack.
 * The other two crash points are the parent's: it kills this process from the platform's hooks.
 */
import { parseArgs } from 'node:util';
import { acceptCase, clientDb, testEngine } from '../support/sync';

const { values } = parseArgs({ options: { dir: { type: 'string' }, url: { type: 'string' }, append: { type: 'string', default: '0' }, from: { type: 'string', default: '1' }, crash: { type: 'string', default: 'none' } } });
const die = () => process.kill(process.pid, 'SIGKILL');
const db = clientDb(values.dir!);
const from = Number(values.from);
for (let i = 0; i < Number(values.append); i++) acceptCase(db, from + i);
if (values.crash === 'afterCommit') die();
const engine = testEngine(db, values.dir!, values.url!, { batchSize: 7, hooks: values.crash === 'afterReply' ? { afterReply: die } : {} });
await engine.pushAll();
db.close();
process.stdout.write('done\n');
