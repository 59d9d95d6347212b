import { AppError } from '../../../shared/contract/errors';
import { type DB, writeTransaction } from '../db/connection';
import { CatalogIndex, type SearchHit } from './catalog-search';
import { catalogMeta, readBundle, readItem, setCatalogMeta, writeCatalog } from './catalog-store';
import type { CatalogBundle, CatalogItem } from './catalog-types';
import { sampleCatalog } from './sample-catalog';

/**
 * The catalogue as the window uses it: loads the 示例 catalogue on first run, answers searches
 * from the in-memory index, and ranks by this window's usage.
 */
export class CatalogService {
  readonly index: CatalogIndex;

  constructor(
    private readonly db: DB,
    options: { sampleSize?: number } = {},
  ) {
    if (catalogMeta(db).source === 'empty') {
      const sample = sampleCatalog(options.sampleSize);
      writeTransaction(db, () => {
        writeCatalog(db, sample.items, sample.bundles, new Date().toISOString());
        setCatalogMeta(db, { source: 'sample', version: sample.version });
      });
    }
    this.index = new CatalogIndex(db);
  }

  meta() {
    return catalogMeta(this.db);
  }

  search(query: string, limit?: number): SearchHit[] {
    return this.index.search(query, limit);
  }

  frequent(limit?: number): SearchHit[] {
    return this.index.frequent(limit);
  }

  /** An active item, or a NOT_FOUND the clerk can act on. */
  item(id: string): CatalogItem {
    const it = readItem(this.db, id);
    if (!it || it.status !== 'active')
      throw new AppError('NOT_FOUND', it ? `事项「${it.name}」已停止办理。` : `找不到事项（编码 ${id}）。`, { hint: '请重新搜索事项；事项目录可能已由平台更新。', rule: 'catalog.item' });
    return it;
  }

  bundle(id: string): CatalogBundle & { itemDetails: CatalogItem[] } {
    const bu = readBundle(this.db, id);
    if (!bu || bu.status !== 'active') throw new AppError('NOT_FOUND', `找不到“一件事”主题（${id}）。`, { hint: '请重新搜索。', rule: 'catalog.bundle' });
    return { ...bu, itemDetails: bu.items.map((i) => this.item(i.itemId)) };
  }

  /** Counts a use for ranking; runs inside the decision's transaction. */
  recordUse(targetId: string, at: string): void {
    this.db
      .prepare('INSERT INTO catalog_usage (target_id, uses, last_used_at) VALUES (?, 1, ?) ON CONFLICT (target_id) DO UPDATE SET uses = uses + 1, last_used_at = excluded.last_used_at')
      .run(targetId, at);
    this.index.noteUse(targetId);
  }

  /** The sync engine calls this after a catalogue page has been stored. */
  reload(): void {
    this.index.reload();
  }
}
