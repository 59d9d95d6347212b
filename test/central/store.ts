import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { stmt } from '../../electron/services/db/statements';
import {
  caseEventPayloadSchema,
  catalogBundleSchema,
  catalogItemSchema,
  ratingPayloadSchema,
  type CatalogBundleWire,
  type CatalogItemWire,
  type Change,
  type Dataset,
  type OpResult,
  type PushOp,
} from '../../electron/services/sync/protocol';
import { sampleCatalog as shippedSampleCatalog } from '../../electron/services/catalog/sample-catalog';
import { bundleToWire, itemToWire } from '../../electron/services/sync/catalog-wire';

export type PlatformDB = Database.Database;

/**
 * The reference platform's own database. `changes` is the change log every pull reads: a
 * monotonically growing `version` is the cursor, a NULL value is a tombstone; `compacted_below`
 * marks how far back the log still goes (an older cursor gets `resetRequired`).
 */
/** `shippedGuides: false` seeds only the three small test items (engine tests count pages of them). */
export function openPlatformDb(file: string, options: { shippedGuides?: boolean } = {}): PlatformDB {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS clients (client_id TEXT PRIMARY KEY, secret TEXT NOT NULL, hall_code TEXT NOT NULL, window_no INTEGER NOT NULL,
      hall_name TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, client_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS ops (client_id TEXT NOT NULL, seq INTEGER NOT NULL, op_id TEXT NOT NULL UNIQUE, op_type TEXT NOT NULL,
      schema_version INTEGER NOT NULL, aggregate_id TEXT, payload TEXT NOT NULL, blob_refs TEXT NOT NULL, status TEXT NOT NULL,
      reject_code TEXT, reject_reason TEXT, received_at TEXT NOT NULL, PRIMARY KEY (client_id, seq));
    CREATE TABLE IF NOT EXISTS cases (case_no TEXT PRIMARY KEY, client_id TEXT NOT NULL, case_id TEXT NOT NULL, snapshot TEXT NOT NULL,
      platform_no TEXT NOT NULL, status_code INTEGER, updated_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS case_events (id INTEGER PRIMARY KEY AUTOINCREMENT, case_no TEXT NOT NULL, op_id TEXT NOT NULL, payload TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, stored_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS changes (version INTEGER PRIMARY KEY AUTOINCREMENT, dataset TEXT NOT NULL, client_id TEXT, key TEXT NOT NULL, value TEXT);
    CREATE INDEX IF NOT EXISTS changes_ds ON changes (dataset, client_id, version);
    CREATE INDEX IF NOT EXISTS changes_key ON changes (dataset, key, version);
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS accounts (login TEXT PRIMARY KEY, salt TEXT NOT NULL, hash TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
      window_nos TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS ratings (rating_id TEXT PRIMARY KEY, client_id TEXT NOT NULL, case_no TEXT NOT NULL, grade INTEGER, payload TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS elicenses (cert_no TEXT NOT NULL, license_type TEXT NOT NULL, license_id TEXT NOT NULL, name TEXT NOT NULL,
      PRIMARY KEY (cert_no, license_type));
  `);
  if (!stmt(db, "SELECT 1 FROM meta WHERE key = 'seeded'").get()) seed(db, options.shippedGuides ?? true);
  return db;
}

const hashPassword = (password: string, salt: string) => scryptSync(password, salt, 32).toString('hex');

export function addAccount(db: PlatformDB, a: { login: string; password: string; name: string; role: 'clerk' | 'supervisor' | 'admin'; windowNos: number[] }) {
  const salt = randomBytes(12).toString('hex');
  stmt(db, 
    `INSERT INTO accounts (login, salt, hash, name, role, window_nos) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (login) DO UPDATE SET salt = excluded.salt, hash = excluded.hash, name = excluded.name, role = excluded.role,
       window_nos = excluded.window_nos, disabled = 0, failures = 0, locked_until = 0`,
  ).run(a.login, salt, hashPassword(a.password, salt), a.name, a.role, JSON.stringify(a.windowNos));
}

export function disableAccount(db: PlatformDB, login: string): boolean {
  return stmt(db, 'UPDATE accounts SET disabled = 1 WHERE login = ?').run(login).changes === 1;
}

export type LoginResult =
  | { ok: true; account: { login: string; name: string; role: 'clerk' | 'supervisor' | 'admin'; windowNos: number[] } }
  | { ok: false; code: 'BAD_CREDENTIALS' | 'LOCKED' | 'DISABLED'; message: string };

/** Five wrong passwords lock an account for 15 minutes. */
export function clerkLogin(db: PlatformDB, login: string, password: string, nowMs: number): LoginResult {
  const row = stmt(db, 'SELECT * FROM accounts WHERE login = ?').get(login) as
    | { salt: string; hash: string; name: string; role: 'clerk'; window_nos: string; disabled: number; failures: number; locked_until: number }
    | undefined;
  const bad = { ok: false, code: 'BAD_CREDENTIALS', message: '账号或密码不正确，请重新输入。' } as const;
  if (!row) return bad;
  if (row.disabled) return { ok: false, code: 'DISABLED', message: '该账号已停用，请联系管理员。' };
  if (row.locked_until > nowMs) return { ok: false, code: 'LOCKED', message: '密码错误次数过多，账号已锁定 15 分钟，请稍后再试或联系值班长。' };
  const ok = timingSafeEqual(Buffer.from(hashPassword(password, row.salt), 'hex'), Buffer.from(row.hash, 'hex'));
  if (!ok) {
    const failures = row.failures + 1;
    stmt(db, 'UPDATE accounts SET failures = ?, locked_until = ? WHERE login = ?').run(failures >= 5 ? 0 : failures, failures >= 5 ? nowMs + 15 * 60_000 : 0, login);
    return bad;
  }
  stmt(db, 'UPDATE accounts SET failures = 0 WHERE login = ?').run(login);
  return { ok: true, account: { login, name: row.name, role: row.role, windowNos: JSON.parse(row.window_nos) as number[] } };
}

function seed(db: PlatformDB, shippedGuides: boolean) {
  db.transaction(() => {
    addAccount(db, { login: 'zhangsan', password: 'Hall-2026', name: '张三', role: 'clerk', windowNos: [1, 2, 3] });
    addAccount(db, { login: 'lisi', password: 'Hall-2026', name: '李四', role: 'supervisor', windowNos: [] });
    addAccount(db, { login: 'admin', password: 'Hall-2026', name: '管理员', role: 'admin', windowNos: [] });
    const lic = stmt(db, 'INSERT INTO elicenses (cert_no, license_type, license_id, name) VALUES (?, ?, ?, ?)');
    lic.run('110101199003071234', 'hukou', 'EL-HK-0001', '居民户口簿');
    lic.run('110101199003071234', 'marriage', 'EL-MR-0001', '结婚证');
    lic.run('91110105MA01ABCD2X', 'businessLicense', 'EL-BL-0001', '营业执照');
    for (const item of sampleCatalog()) publishItem(db, item);
    // The guides the client ships as its 示例 catalogue are published here too, so that a case a
    // clerk accepts from them is filed by the platform rather than refused as an unknown item.
    const shipped = shippedGuides ? shippedSampleCatalog(0) : { items: [], bundles: [] };
    for (const item of shipped.items) publishItem(db, itemToWire(item));
    for (const bundle of shipped.bundles) publishBundle(db, bundleToWire(bundle));
    publishCalendar(db, { date: '2027-01-01', kind: 'holiday', name: '元旦' });
    stmt(db, "INSERT INTO meta (key, value) VALUES ('seeded', '1')").run();
  })();
}

export function sampleCatalog(count = 3): CatalogItemWire[] {
  const names = ['个体工商户设立登记', '城乡居民基本医疗保险参保登记', '出生医学证明办理'];
  return Array.from({ length: count }, (_, i) => ({
    id: `P${String(i + 1).padStart(5, '0')}`,
    catalogCode: `0001${String(i).padStart(2, '0')}`,
    taskCode: `T${1000 + i}`,
    name: names[i % names.length]! + (i >= names.length ? `（${i}）` : ''),
    typeCode: '01',
    deptName: '市场监督管理局',
    legalLimit: 20,
    legalUnit: 'workday' as const,
    promiseLimit: 5,
    promiseUnit: 'workday' as const,
    projectType: 'promise' as const,
    acceptCondition: '',
    version: 1,
    status: 'active' as const,
    materials: [
      { id: `P${i}-M1`, orderNum: 1, name: '申请表', sharedKey: 'form', necessity: 'required' as const, materialType: 'original' as const, format: 'paper' as const, copies: 1, allowRongque: false, allowPromise: false, elicenseType: null },
      { id: `P${i}-M2`, orderNum: 2, name: '户口簿', sharedKey: 'hukou', necessity: 'required' as const, materialType: 'copy' as const, format: 'both' as const, copies: 1, allowRongque: true, allowPromise: false, elicenseType: 'hukou' },
    ],
  }));
}

const nowIso = () => new Date().toISOString();

function logChange(db: PlatformDB, dataset: Dataset, key: string, value: unknown, clientId: string | null = null) {
  stmt(db, 'INSERT INTO changes (dataset, client_id, key, value) VALUES (?, ?, ?, ?)').run(dataset, clientId, key, value === null ? null : JSON.stringify(value));
}

export function publishItem(db: PlatformDB, item: CatalogItemWire) {
  logChange(db, 'catalog', `item:${item.id}`, catalogItemSchema.parse(item));
}
export function publishBundle(db: PlatformDB, bundle: CatalogBundleWire) {
  logChange(db, 'catalog', `bundle:${bundle.id}`, catalogBundleSchema.parse(bundle));
}
export function deleteCatalogKey(db: PlatformDB, key: string) {
  logChange(db, 'catalog', key, null);
}
export function publishCalendar(db: PlatformDB, day: { date: string; kind: 'holiday' | 'workday'; name: string } | { date: string; delete: true }) {
  logChange(db, 'calendar', day.date, 'delete' in day ? null : day);
}

/** The current value of one catalogue key (latest change), or null. */
export function currentCatalogValue(db: PlatformDB, key: string): unknown {
  const row = stmt(db, "SELECT value FROM changes WHERE dataset = 'catalog' AND key = ? ORDER BY version DESC LIMIT 1").get(key) as { value: string | null } | undefined;
  return row?.value ? JSON.parse(row.value) : null;
}

/** Whether a catalogue key currently holds a value (its latest change is not a tombstone). */
function catalogKeyLive(db: PlatformDB, key: string): boolean {
  const row = stmt(db, "SELECT value IS NOT NULL AS live FROM changes WHERE dataset = 'catalog' AND key = ? ORDER BY version DESC LIMIT 1").get(key) as { live: number } | undefined;
  return row?.live === 1;
}

/** Forgets the change log below the current version: clients with older cursors must reset. */
export function compact(db: PlatformDB) {
  const max = (stmt(db, 'SELECT coalesce(max(version), 0) AS v FROM changes').get() as { v: number }).v;
  stmt(db, "INSERT INTO meta (key, value) VALUES ('compacted_below', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(max + 1));
  // Keep only the latest row per key (a snapshot still needs the values); old versions and tombstones go.
  stmt(db, `DELETE FROM changes WHERE version NOT IN (SELECT max(version) FROM changes GROUP BY dataset, client_id, key) OR value IS NULL`).run();
}

export function compactedBelow(db: PlatformDB): number {
  const row = stmt(db, "SELECT value FROM meta WHERE key = 'compacted_below'").get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/**
 * Records a stored blob file in `blobs`, the index over the blob folder. The file itself was made
 * durable before this (see storeBlobFile in server.ts), so the row is committed without an fsync
 * of its own: the next synchronous commit, at the latest the push that refers to the blob, makes
 * it durable too, and `blobStored` rebuilds a row a power cut lost. Uploads thus cost one fsync
 * each on the platform, not two, and none of them blocks the event loop.
 */
export function indexBlob(db: PlatformDB, sha: string, size: number, at: string) {
  db.pragma('synchronous = NORMAL');
  try {
    stmt(db, 'INSERT OR IGNORE INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?)').run(sha, size, at);
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/** Whether the platform holds a blob: its row, or its (whole, durable) file when a power cut lost the row. */
export function blobStored(db: PlatformDB, blobDir: string, sha: string): boolean {
  if (stmt(db, 'SELECT 1 FROM blobs WHERE sha256 = ?').get(sha)) return true;
  let size: number;
  try {
    size = statSync(join(blobDir, sha)).size;
  } catch {
    return false;
  }
  stmt(db, 'INSERT OR IGNORE INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?)').run(sha, size, nowIso());
  return true;
}

/**
 * Applies one push batch. Runs inside the caller's transaction together with `last_seq`: a
 * duplicate (seq ≤ last) is acknowledged without effect, a business rejection consumes its seq.
 */
export function applyOps(db: PlatformDB, clientId: string, ops: PushOp[], blobDir: string): { kind: 'ok'; lastSeq: number; results: OpResult[] } | { kind: 'gap'; lastSeq: number } {
  const client = stmt(db, 'SELECT last_seq FROM clients WHERE client_id = ?').get(clientId) as { last_seq: number };
  let last = client.last_seq;
  const sorted = [...ops].sort((a, b) => a.seq - b.seq);
  if (sorted[0]!.seq > last + 1) return { kind: 'gap', lastSeq: last };
  const results: OpResult[] = [];
  for (const op of sorted) {
    if (op.seq <= last) {
      results.push({ seq: op.seq, opId: op.opId, status: 'duplicate' });
      continue;
    }
    if (op.seq > last + 1) break; // a hole inside the batch: stop here, the client resends from lastSeq + 1
    const verdict = applyOne(db, clientId, op, blobDir);
    stmt(db, 
      `INSERT INTO ops (client_id, seq, op_id, op_type, schema_version, aggregate_id, payload, blob_refs, status, reject_code, reject_reason, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(clientId, op.seq, op.opId, op.type, op.schemaVersion, op.aggregateId, op.payload, JSON.stringify(op.blobRefs), verdict ? 'rejected' : 'applied', verdict?.code ?? null, verdict?.reason ?? null, nowIso());
    last = op.seq;
    results.push(verdict ? { seq: op.seq, opId: op.opId, status: 'rejected', ...verdict } : { seq: op.seq, opId: op.opId, status: 'applied' });
  }
  stmt(db, 'UPDATE clients SET last_seq = ? WHERE client_id = ?').run(last, clientId);
  return { kind: 'ok', lastSeq: last, results };
}

type Verdict = { code: string; reason: string } | null;

function applyOne(db: PlatformDB, clientId: string, op: PushOp, blobDir: string): Verdict {
  if (stmt(db, 'SELECT 1 FROM ops WHERE op_id = ?').get(op.opId)) return { code: 'DUPLICATE_OP_ID', reason: '该操作编号已被另一个序号使用。' };
  for (const sha of op.blobRefs) {
    if (!blobStored(db, blobDir, sha)) return { code: 'BLOB_MISSING', reason: `附件 ${sha.slice(0, 12)}… 未上传。` };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(op.payload);
  } catch {
    return { code: 'BAD_PAYLOAD', reason: '操作内容不是有效的 JSON。' };
  }
  if (op.type === 'case.event' && op.schemaVersion === 1) return applyCaseEvent(db, clientId, op, payload);
  if (op.type === 'rating.submitted' && op.schemaVersion === 1) {
    const r = ratingPayloadSchema.safeParse(payload);
    if (!r.success) return { code: 'BAD_PAYLOAD', reason: '评价内容格式不正确。' };
    stmt(db, 'INSERT OR REPLACE INTO ratings (rating_id, client_id, case_no, grade, payload) VALUES (?, ?, ?, ?, ?)').run(r.data.ratingId, clientId, r.data.caseNo, r.data.grade, op.payload);
    return null;
  }
  return { code: 'UNKNOWN_OP_TYPE', reason: `平台不认识操作类型 ${op.type}（版本 ${op.schemaVersion}）。` };
}

function applyCaseEvent(db: PlatformDB, clientId: string, op: PushOp, payload: unknown): Verdict {
  const parsed = caseEventPayloadSchema.safeParse(payload);
  if (!parsed.success) return { code: 'BAD_PAYLOAD', reason: '办件内容格式不正确。' };
  const e = parsed.data;
  for (const item of e.items) {
    if (!catalogKeyLive(db, `item:${item.itemId}`)) return { code: 'UNKNOWN_ITEM', reason: `事项 ${item.itemId}（${item.name}）不在平台目录中。` };
  }
  const existing = stmt(db, 'SELECT client_id, case_id FROM cases WHERE case_no = ?').get(e.caseNo) as { client_id: string; case_id: string } | undefined;
  if (existing && (existing.client_id !== clientId || existing.case_id !== e.caseId)) {
    return { code: 'CASE_NO_CONFLICT', reason: `受理号 ${e.caseNo} 已被另一个办件使用。` };
  }
  if (existing) {
    stmt(db, 'UPDATE cases SET snapshot = ?, updated_at = ? WHERE case_no = ?').run(op.payload, nowIso(), e.caseNo);
  } else {
    const n = (stmt(db, 'SELECT coalesce(max(rowid), 0) AS n FROM cases').get() as { n: number }).n + 1;
    stmt(db, 'INSERT INTO cases (case_no, client_id, case_id, snapshot, platform_no, status_code, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      e.caseNo,
      clientId,
      e.caseId,
      op.payload,
      `SB${new Date().getFullYear()}${String(n).padStart(8, '0')}`,
      e.statusCode,
      nowIso(),
    );
  }
  stmt(db, 'INSERT INTO case_events (case_no, op_id, payload) VALUES (?, ?, ?)').run(e.caseNo, op.opId, op.payload);
  return null;
}

const statusNotes: Record<number, string> = { 8: '部门受理', 9: '特别程序开始', 10: '特别程序结束', 11: '办结（准予许可）', 12: '办结（不予许可）', 13: '办结（其他）' };

/** The back office's decision on a case: recorded and queued for the owning client's `cases` pull. */
export function backOffice(db: PlatformDB, caseNo: string, statusCode: 8 | 9 | 10 | 11 | 12 | 13, note = ''): boolean {
  return db.transaction(() => {
    const c = stmt(db, 'SELECT client_id, platform_no FROM cases WHERE case_no = ?').get(caseNo) as { client_id: string; platform_no: string } | undefined;
    if (!c) return false;
    const at = nowIso();
    stmt(db, 'UPDATE cases SET status_code = ?, updated_at = ? WHERE case_no = ?').run(statusCode, at, caseNo);
    // Keys sort in the order of the case's events: a snapshot (ordered by key) replays them in order.
    const n = (stmt(db, "SELECT count(*) AS n FROM changes WHERE dataset = 'cases' AND key LIKE ? || ':%'").get(caseNo) as { n: number }).n + 1;
    logChange(db, 'cases', `${caseNo}:${String(n).padStart(6, '0')}`, { caseNo, platformNo: c.platform_no, statusCode, at, note: note || statusNotes[statusCode]! }, c.client_id);
    return true;
  })();
}

/** One page of a dataset for one client: changes after the cursor, or a snapshot page. */
export function pullPage(db: PlatformDB, clientId: string, dataset: Dataset, cursor: string | null, limit: number) {
  const scope = dataset === 'cases' ? clientId : null;
  const decoded = cursor === null ? null : decodeCursor(cursor);
  const maxVersion = (stmt(db, 'SELECT coalesce(max(version), 0) AS v FROM changes').get() as { v: number }).v;
  if (cursor !== null && (decoded === null || (decoded.mode === 'changes' && decoded.after + 1 < compactedBelow(db)))) {
    return { snapshot: false, changes: [] as Change[], nextCursor: '', hasMore: false, resetRequired: true };
  }
  if (decoded === null || decoded.mode === 'snapshot') {
    const asOf = decoded?.mode === 'snapshot' ? decoded.asOf : maxVersion;
    const afterKey = decoded?.mode === 'snapshot' ? decoded.afterKey : '';
    // Walks the keys in order from the page's start and stops after the page: each page costs its
    // own size, not the whole dataset's (a grouping over every later key made a full pull quadratic).
    const rows = stmt(
      db,
      `SELECT c.key, c.value FROM changes c INDEXED BY changes_key
         WHERE c.dataset = ? AND c.key > ? AND c.client_id IS ? AND c.value IS NOT NULL
           AND c.version = (SELECT max(m.version) FROM changes m INDEXED BY changes_key WHERE m.dataset = c.dataset AND m.key = c.key AND m.client_id IS c.client_id AND m.version <= ?)
         ORDER BY c.key LIMIT ?`,
    ).all(dataset, afterKey, scope, asOf, limit + 1) as { key: string; value: string }[];
    const page = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    return {
      snapshot: true,
      changes: page.map((r) => ({ op: 'put' as const, key: r.key, value: JSON.parse(r.value) as Record<string, unknown> })),
      nextCursor: hasMore ? encodeCursor({ mode: 'snapshot', asOf, afterKey: page.at(-1)!.key }) : encodeCursor({ mode: 'changes', after: asOf }),
      hasMore,
      resetRequired: false,
    };
  }
  const rows = stmt(db, 'SELECT version, key, value FROM changes WHERE dataset = ? AND client_id IS ? AND version > ? ORDER BY version LIMIT ?').all(dataset, scope, decoded.after, limit + 1) as { version: number; key: string; value: string | null }[];
  const page = rows.slice(0, limit);
  return {
    snapshot: false,
    changes: page.map((r): Change => (r.value === null ? { op: 'delete', key: r.key } : { op: 'put', key: r.key, value: JSON.parse(r.value) as Record<string, unknown> })),
    nextCursor: encodeCursor({ mode: 'changes', after: page.at(-1)?.version ?? decoded.after }),
    hasMore: rows.length > limit,
    resetRequired: false,
  };
}

type Cursor = { mode: 'changes'; after: number } | { mode: 'snapshot'; asOf: number; afterKey: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(s: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (c.mode === 'changes' && Number.isInteger(c.after)) return c;
    if (c.mode === 'snapshot' && Number.isInteger(c.asOf) && typeof c.afterKey === 'string') return c;
  } catch {
    /* falls through: an unreadable cursor means reset */
  }
  return null;
}
