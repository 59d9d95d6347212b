/** `npm run audit -- verify [--data-dir D]`: checks the hash chain of the audit log; exit 1 if broken. */
import { existsSync } from 'node:fs';
import { verifyAudit } from '../services/audit/audit-log';
import { openDatabase } from '../services/db/connection';
import { dataLayout, defaultDataDir } from '../services/paths';
import { option } from './paths';

const argv = process.argv.slice(2);
const command = argv.find((a) => !a.startsWith('--') && argv[argv.indexOf(a) - 1] !== '--data-dir');
if (command !== 'verify') {
  console.error('用法：npm run audit -- verify [--data-dir 数据目录]');
  process.exit(2);
}
const file = dataLayout(option(argv, 'data-dir') ?? defaultDataDir()).database;
if (!existsSync(file)) {
  console.error(`找不到数据库：${file}`);
  process.exit(2);
}
const db = openDatabase(file, { readonly: true });
const verdict = verifyAudit(db);
db.close();
if (verdict.ok) {
  console.log(`审计日志完整：共 ${verdict.rows} 条记录，哈希链校验通过。`);
} else {
  console.log(`审计日志被篡改：${verdict.reason}（第一处断链在第 ${verdict.brokenAt} 条）。`);
  process.exit(1);
}
