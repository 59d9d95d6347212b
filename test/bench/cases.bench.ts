import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type AppServices, createAppServices } from '../../electron/services/app';
import { sampleGuides } from '../../electron/services/catalog/sample-catalog';
import { openDatabase } from '../../electron/services/db/connection';
import { applicant } from '../support/people';
import { makeTempDir } from '../support/tmp';
import { type BenchModule, percentile, round } from './harness';

const SAMPLES = 200;

/** One standard decision as the clerk makes it: draft, materials ticked, 受理. Times the 受理 only. */
function acceptOnce(s: AppServices, i: number): number {
  const d = s.cases.saveDraft({ applicant: applicant(`申请人${i}`, i % 999), itemIds: [sampleGuides.gtgsh.id] });
  const filled = s.cases.saveDraft({ caseId: d.id, materials: d.materials.filter((m) => m.necessity === 'required').map((m) => ({ key: m.key, state: 'paper' as const })) });
  const t = performance.now();
  s.cases.accept(filled.id);
  return performance.now() - t;
}

/**
 * Bulk history straight in SQL (generated rows shaped like real cases, on an earlier day so the
 * 受理号 sequence of today is untouched): what a window holds after years of work.
 */
function preload(s: AppServices, n: number): void {
  const db = s.db;
  const batch = 100_000;
  for (let done = 0; done < n; done += batch) {
    const k = Math.min(batch, n - done);
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE g(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM g WHERE i < ?)
         INSERT INTO cases (id, case_no, query_password, status, status_code, applicant, receive_region, handle_region, catalog_version, form,
           clerk_name, window_no, draft_rev, created_at, updated_at, promise_limit, promise_unit, accepted_at, promise_due)
         SELECT 'hist-' || i, '3301022020' || printf('%010d', i), '123456', 'delivered', 11,
           json_object('kind','person','name','历史申请人' || i,'certType','111','certNo','330102199001011234'),
           '330102', '330102', 'sample-1', '{}', '张三', 1, 1, '2020-01-01T08:00:00.000Z', '2020-01-01T08:00:00.000Z', 5, 'workday',
           '2020-01-01T08:00:00.000Z', '2020-01-08' FROM g`,
      ).run(done + 1, done + k);
      db.prepare(
        `INSERT INTO case_items (case_id, item_id, item_version, item_name, order_num)
         SELECT id, ?, 1, '个体工商户设立登记', 0 FROM cases WHERE id LIKE 'hist-%' AND rowid > (SELECT coalesce(max(rowid), 0) - ? FROM cases)`,
      ).run(sampleGuides.gtgsh.id, k);
      db.prepare(
        `INSERT INTO case_events (case_id, action, from_status, to_status, status_code, at, actor)
         SELECT id, 'accept', 'draft', 'accepted', 3, created_at, '张三' FROM cases WHERE rowid > (SELECT max(rowid) - ? FROM cases)`,
      ).run(k);
    })();
  }
}

function fsyncFloor(dir: string): number[] {
  const db = openDatabase(join(dir, 'floor.sqlite'));
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
  const out: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    ins.run('x'.repeat(100));
    out.push(performance.now() - t);
  }
  db.close();
  return out;
}

const bench: BenchModule = {
  prefix: 'cases',
  async run(emit) {
    const tmp = makeTempDir('zhck-bench-cases-');
    try {
      const floor = percentile(fsyncFloor(tmp.dir), 99);
      for (const history of [0, 100_000, 1_000_000]) {
        const dir = join(tmp.dir, `h${history}`);
        const s = createAppServices({ dataDir: dir, host: 'browser', sampleCatalogSize: 200 });
        preload(s, history);
        for (let i = 0; i < 20; i++) acceptOnce(s, i); // warm up
        const pagesBefore = s.db.pragma('page_count', { simple: true }) as number;
        const samples = Array.from({ length: SAMPLES }, (_, i) => acceptOnce(s, 100 + i));
        emit({ name: `cases.accept.p99_ms.history${history}`, value: round(percentile(samples, 99)), unit: 'ms', compare: { name: 'sqlite.insertCommit.p99_ms', value: round(floor) } });
        if (history === 0) {
          s.db.pragma('wal_checkpoint(TRUNCATE)');
          const pageSize = s.db.pragma('page_size', { simple: true }) as number;
          const pagesAfter = s.db.pragma('page_count', { simple: true }) as number;
          emit({ name: 'cases.db.bytes_per_case', value: Math.round(((pagesAfter - pagesBefore) * pageSize) / SAMPLES), unit: 'bytes', compare: { name: 'cases.db.page_size', value: pageSize } });
        }
        s.close();
        rmSync(dir, { recursive: true, force: true });
      }

      const s = createAppServices({ dataDir: join(tmp.dir, 'catalog'), host: 'browser' });
      const typed = { chinese: '不动产抵押权首次登记', pinyin: 'budongchandiyaquan', initials: 'bdcdyqscdj' };
      for (const [kind, word] of Object.entries(typed)) {
        const samples: number[] = [];
        for (let pass = 0; pass < 20; pass++)
          for (let i = 1; i <= word.length; i++) {
            const t = performance.now();
            s.catalog.search(word.slice(0, i));
            samples.push(performance.now() - t);
          }
        emit({ name: `catalog.search.p95_ms.${kind}`, value: round(percentile(samples, 95)), unit: 'ms', compare: { name: 'catalog.items', value: s.catalog.index.size } });
      }
      s.close();
    } finally {
      tmp.cleanup();
    }
  },
};
export default bench;
