/**
 * `npm run central [-- <command>]`: the reference central platform and its back office.
 *
 *   (no command) | serve [--port 8790]        run the platform (HTTP on 127.0.0.1)
 *   accept <受理号> [note]                    部门受理 (8)
 *   special-start <受理号> [note]             特别程序开始 (9)
 *   special-end <受理号> [note]               特别程序结束 (10)
 *   approve <受理号> [note]                   办结·准予 (11) — the client shows 待出件
 *   reject <受理号> [note]                    办结·不予许可 (12)
 *   cases | ratings                           list what the platform holds
 *   catalog add <file.json> | rename <id> <name> | withdraw <id> | delete <id> | sample <n>
 *   calendar <YYYY-MM-DD> holiday|workday <name>
 *   account add <login> <password> <name> clerk|supervisor|admin [windowNos,…] | disable <login>
 *   compact                                   drop the change log: clients must pull a snapshot
 *
 * Every command takes --data-dir (default ./.central); the platform may be running meanwhile.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { catalogItemSchema } from '../../electron/services/sync/protocol';
import { startPlatform } from './server';
import { addAccount, backOffice, compact, currentCatalogValue, deleteCatalogKey, disableAccount, openPlatformDb, publishCalendar, publishItem, sampleCatalog } from './store';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'data-dir': { type: 'string', default: '.central' }, port: { type: 'string', default: '8790' } } });
const dataDir = resolve(values['data-dir']);
const [command = 'serve', ...args] = positionals;
const fail = (message: string): never => {
  process.stderr.write(message + '\n');
  process.exit(1);
};

if (command === 'serve') {
  const platform = await startPlatform({ dataDir, port: Number(values.port) });
  process.stdout.write(`政务服务平台（参考实现）已启动：${platform.url}\n数据目录：${dataDir}\n在客户端设置中把“平台地址”填为上面的地址。\n`);
  const stop = () => void platform.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  const db = openPlatformDb(resolve(dataDir, 'platform.sqlite'));
  const codes: Record<string, 8 | 9 | 10 | 11 | 12> = { accept: 8, 'special-start': 9, 'special-end': 10, approve: 11, reject: 12 };
  const code = codes[command];
  if (code !== undefined) {
    const caseNo = args[0] ?? fail(`用法：npm run central -- ${command} <受理号> [说明]`);
    if (code === 11 || code === 12) {
      const current = db.prepare('SELECT status_code FROM cases WHERE case_no = ?').get(caseNo) as { status_code: number | null } | undefined;
      if (current && current.status_code !== 8 && current.status_code !== 10) backOffice(db, caseNo, 8); // 部门受理 first
    }
    if (!backOffice(db, caseNo, code, args.slice(1).join(' '))) fail(`平台上没有受理号为 ${caseNo} 的办件。`);
    process.stdout.write(`已记录：${caseNo} → ${code}\n`);
  } else if (command === 'cases') {
    for (const r of db.prepare('SELECT case_no, platform_no, status_code, updated_at FROM cases ORDER BY updated_at').all()) process.stdout.write(JSON.stringify(r) + '\n');
  } else if (command === 'ratings') {
    for (const r of db.prepare('SELECT payload FROM ratings ORDER BY rowid').all() as { payload: string }[]) process.stdout.write(r.payload + '\n');
  } else if (command === 'catalog') {
    const [sub, a, b] = args;
    const item = (id: string) => catalogItemSchema.parse(currentCatalogValue(db, `item:${id}`) ?? fail(`目录中没有事项 ${id}`));
    if (sub === 'add') publishItem(db, catalogItemSchema.parse(JSON.parse(readFileSync(a ?? fail('缺少文件'), 'utf8'))));
    else if (sub === 'rename') publishItem(db, { ...item(a!), name: b ?? fail('缺少名称'), version: item(a!).version + 1 });
    else if (sub === 'withdraw') publishItem(db, { ...item(a!), status: 'withdrawn', version: item(a!).version + 1 });
    else if (sub === 'delete') deleteCatalogKey(db, `item:${a}`);
    else if (sub === 'sample') db.transaction(() => sampleCatalog(Number(a ?? 3)).forEach((i) => publishItem(db, { ...i, materials: i.materials.map((m) => ({ ...m, id: `${i.id}-${m.id}` })) })))();
    else fail('用法：catalog add <file.json> | rename <id> <名称> | withdraw <id> | delete <id> | sample <数量>');
    process.stdout.write('目录已发布。\n');
  } else if (command === 'calendar') {
    const [date, kind, name] = args;
    if (!date || (kind !== 'holiday' && kind !== 'workday')) fail('用法：calendar <YYYY-MM-DD> holiday|workday <名称>');
    publishCalendar(db, { date: date!, kind: kind as 'holiday' | 'workday', name: name ?? '' });
  } else if (command === 'account') {
    const [sub, login, password, name, role, windows] = args;
    if (sub === 'add' && login && password && name && (role === 'clerk' || role === 'supervisor' || role === 'admin')) {
      addAccount(db, { login, password, name, role, windowNos: (windows ?? '').split(',').filter(Boolean).map(Number) });
    } else if (sub === 'disable' && login) {
      if (!disableAccount(db, login)) fail(`没有账号 ${login}`);
    } else fail('用法：account add <账号> <密码> <姓名> clerk|supervisor|admin [窗口号,…] | account disable <账号>');
    process.stdout.write('账号已更新。\n');
  } else if (command === 'compact') {
    compact(db);
    process.stdout.write('变更日志已压缩。\n');
  } else fail(`未知命令 ${command}`);
  db.close();
}
