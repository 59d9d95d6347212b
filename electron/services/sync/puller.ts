import { type DB, writeTransaction } from '../db/connection';
import type { DatasetApplier } from './appliers';
import { pullReplySchema, type Change, type Dataset } from './protocol';
import type { PlatformClient } from './transport';

export interface PullHooks {
  /** Crash tests: a page has arrived, not yet stored. */
  afterPage?: (dataset: Dataset) => void;
}

/**
 * Pulls one dataset to its end. Each page and its cursor are stored in one transaction, so a pull
 * killed mid-way resumes from the last stored page. Snapshot pages are staged, and the last one
 * swaps the staged whole in, in the same transaction that stores the cursor.
 * Returns the number of changes applied (staged pages count when swapped).
 */
export async function pullDataset(db: DB, client: PlatformClient, dataset: Dataset, applier: DatasetApplier, pageSize: number, hooks: PullHooks = {}): Promise<number> {
  let applied = 0;
  for (;;) {
    const row = db.prepare('SELECT cursor FROM sync_cursors WHERE dataset = ?').get(dataset) as { cursor: string | null } | undefined;
    const query = new URLSearchParams({ dataset, limit: String(pageSize) });
    if (row?.cursor) query.set('cursor', row.cursor);
    const { body } = await client.call('GET', `/sync/pull?${query}`, {}, pullReplySchema, [200]);
    if (body.dataset !== dataset) throw new Error('dataset mismatch');
    hooks.afterPage?.(dataset);
    const now = new Date().toISOString();
    const saveCursor = (cursor: string | null, inSnapshot: boolean) =>
      db
        .prepare('INSERT INTO sync_cursors (dataset, cursor, in_snapshot, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (dataset) DO UPDATE SET cursor = excluded.cursor, in_snapshot = excluded.in_snapshot, updated_at = excluded.updated_at')
        .run(dataset, cursor, inSnapshot ? 1 : 0, now);
    if (body.resetRequired) {
      writeTransaction(db, () => {
        db.prepare('DELETE FROM sync_snapshot_stage WHERE dataset = ?').run(dataset);
        saveCursor(null, false);
      });
      continue;
    }
    applied += writeTransaction(db, () => {
      let n = 0;
      if (body.snapshot) {
        const stage = db.prepare('INSERT OR REPLACE INTO sync_snapshot_stage (dataset, key, value) VALUES (?, ?, ?)');
        if (!row?.cursor) db.prepare('DELETE FROM sync_snapshot_stage WHERE dataset = ?').run(dataset); // a fresh snapshot
        for (const c of body.changes) if (c.op === 'put') stage.run(dataset, c.key, JSON.stringify(c.value));
        if (!body.hasMore) {
          const puts = (db.prepare('SELECT key, value FROM sync_snapshot_stage WHERE dataset = ? ORDER BY key').all(dataset) as { key: string; value: string }[]).map(
            (r): Change => ({ op: 'put', key: r.key, value: JSON.parse(r.value) as Record<string, unknown> }),
          );
          applier.replaceAll(db, puts);
          db.prepare('DELETE FROM sync_snapshot_stage WHERE dataset = ?').run(dataset);
          n = puts.length;
        }
        saveCursor(body.nextCursor, body.hasMore);
      } else {
        applier.apply(db, body.changes);
        n = body.changes.length;
        saveCursor(body.nextCursor, false);
      }
      return n;
    });
    if (!body.hasMore) return applied;
  }
}
