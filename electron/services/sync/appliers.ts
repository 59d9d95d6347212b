import type { DB } from '../db/connection';
import { hasUnsentOps } from '../outbox/outbox';
import { setCatalogMeta, writeCatalog } from '../catalog/catalog-store';
import { bundleFromWire, itemFromWire } from './catalog-wire';
import { calendarDaySchema, platformStatusSchema, type Change, type Dataset, type PlatformStatusChange } from './protocol';

/** The case service's entry point for the back office's decisions: 'deferred' = the case still has unsent ops. */
export type ApplyPlatformStatus = (change: PlatformStatusChange) => 'applied' | 'deferred';

/**
 * Writes one dataset's changes into the local tables. Runs inside the puller's page transaction;
 * a value the schema refuses throws, which rolls the page and its cursor back together.
 */
export interface DatasetApplier {
  apply(db: DB, changes: Change[]): void;
  /** Replaces the dataset's whole content with the staged snapshot (same transaction). */
  replaceAll(db: DB, puts: Change[]): void;
}

function deleteCatalogKey(db: DB, key: string) {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (kind === 'item') {
    db.prepare('DELETE FROM catalog_bundle_items WHERE item_id = ?').run(id);
    db.prepare('DELETE FROM catalog_items WHERE id = ?').run(id);
  } else if (kind === 'bundle') db.prepare('DELETE FROM catalog_bundles WHERE id = ?').run(id);
}

/**
 * The catalogue. Cases never read these rows after acceptance (they keep their own copies in
 * case_items/case_materials), so replacing them cannot alter an accepted case.
 */
export function catalogApplier(): DatasetApplier {
  // The catalogue store's own writer: search keys (pinyin, initials), materials and form fields
  // are written exactly as for the bundled catalogue. Items before bundles: a bundle refers to them.
  const putAll = (db: DB, puts: Change[], intoEmpty = false) => {
    const items = puts.filter((c) => c.op === 'put' && c.key.startsWith('item:')).map((c) => itemFromWire((c as { value: unknown }).value));
    // A bundle row must not point at an item this window does not hold: asked per bundle item
    // (bundles are few) rather than reading every item id for every page.
    const inPage = new Set(items.map((it) => it.id));
    const stored = db.prepare('SELECT 1 FROM catalog_items WHERE id = ?');
    const held = (id: string) => inPage.has(id) || stored.get(id) !== undefined;
    const bundles = puts
      .filter((c) => c.op === 'put' && c.key.startsWith('bundle:'))
      .map((c) => bundleFromWire((c as { value: unknown }).value))
      .map((bu) => ({ ...bu, items: bu.items.filter((i) => held(i.itemId)) }));
    writeCatalog(db, items, bundles, new Date().toISOString(), { intoEmpty });
  };
  const markPlatform = (db: DB) => setCatalogMeta(db, { source: 'platform' });
  return {
    apply(db, changes) {
      // In log order: a delete between two puts of the same key must stay between them.
      let run: Change[] = [];
      const flush = () => {
        if (run.length > 0) putAll(db, run);
        run = [];
      };
      for (const c of changes) {
        if (c.op === 'delete') {
          flush();
          deleteCatalogKey(db, c.key);
        } else run.push(c);
      }
      flush();
      if (changes.length > 0) markPlatform(db);
    },
    replaceAll(db, puts) {
      for (const t of ['catalog_bundle_items', 'catalog_bundles', 'catalog_fields', 'catalog_materials', 'catalog_items']) db.prepare(`DELETE FROM ${t}`).run();
      putAll(db, puts, true);
      markPlatform(db);
    },
  };
}

export function calendarApplier(): DatasetApplier {
  const put = (db: DB, value: unknown) => {
    const d = calendarDaySchema.parse(value);
    db.prepare("INSERT INTO calendar_days (date, kind, name, source) VALUES (?, ?, ?, 'platform') ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = 'platform'").run(
      d.date,
      d.kind,
      d.name,
    );
  };
  return {
    apply(db, changes) {
      for (const c of changes) {
        if (c.op === 'put') put(db, c.value);
        else db.prepare('DELETE FROM calendar_days WHERE date = ?').run(c.key);
      }
    },
    replaceAll(db, puts) {
      db.prepare('DELETE FROM calendar_days').run();
      for (const c of puts) if (c.op === 'put') put(db, c.value);
    },
  };
}

/** Back-office statuses: a change for a case with unsent ops waits in sync_deferred_status. */
export function casesApplier(applyStatus: ApplyPlatformStatus): DatasetApplier & { retryDeferred(db: DB): number } {
  const one = (db: DB, key: string, value: unknown) => {
    const change = platformStatusSchema.parse(value);
    if (applyStatus(change) === 'deferred') {
      db.prepare('INSERT OR REPLACE INTO sync_deferred_status (key, case_no, change, received_at) VALUES (?, ?, ?, ?)').run(key, change.caseNo, JSON.stringify(change), new Date().toISOString());
    }
  };
  const apply = (db: DB, changes: Change[]) => {
    for (const c of changes) if (c.op === 'put') one(db, c.key, c.value);
  };
  return {
    apply,
    // Statuses are events, not state to replace: a snapshot is applied like changes.
    replaceAll: apply,
    retryDeferred(db) {
      const rows = db.prepare('SELECT key, change FROM sync_deferred_status ORDER BY received_at, key').all() as { key: string; change: string }[];
      let applied = 0;
      for (const r of rows) {
        if (applyStatus(platformStatusSchema.parse(JSON.parse(r.change))) === 'applied') {
          db.prepare('DELETE FROM sync_deferred_status WHERE key = ?').run(r.key);
          applied++;
        }
      }
      return applied;
    },
  };
}

const statusAfter: Record<number, string> = { 8: '部门受理', 9: '特别程序', 10: '部门受理', 11: '待出件', 12: '待出件', 13: '待出件' };

/**
 * A real `applyPlatformStatus` against the `cases` table of migration 0030, for the engine's
 * tests and until the case service provides its own: status, status code and 申办流水号 change,
 * and the append-only case_events records the platform's note.
 */
export function casesTableStatusApplier(db: DB): ApplyPlatformStatus {
  return (change) => {
    const c = db.prepare('SELECT id, status, status_code FROM cases WHERE case_no = ?').get(change.caseNo) as { id: string; status: string; status_code: number | null } | undefined;
    if (!c) return 'applied'; // not this window's case any more (e.g. restored elsewhere): nothing to change
    if (hasUnsentOps(db, c.id)) return 'deferred';
    const to = statusAfter[change.statusCode]!;
    db.prepare('UPDATE cases SET status = ?, status_code = ?, platform_no = ?, updated_at = ? WHERE id = ?').run(to, change.statusCode, change.platformNo, change.at, c.id);
    db.prepare("INSERT INTO case_events (case_id, action, from_status, to_status, status_code, at, actor, note) VALUES (?, 'platformStatus', ?, ?, ?, ?, '政务服务平台', ?)").run(
      c.id,
      c.status,
      to,
      change.statusCode,
      change.at,
      change.note,
    );
    return 'applied';
  };
}

export const datasetOrder: readonly Dataset[] = ['catalog', 'calendar', 'cases'];
