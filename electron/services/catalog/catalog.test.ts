import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/tmp';
import { type DB, openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { CatalogService } from './catalog-service';
import { sampleCatalog } from './sample-catalog';

const tmp = makeTempDir();
let db: DB;
let catalog: CatalogService;
beforeAll(() => {
  db = openDatabase(join(tmp.dir, 'catalog.sqlite'));
  migrate(db, migrations);
  catalog = new CatalogService(db);
}, 60_000);
afterAll(() => {
  db.close();
  tmp.cleanup();
});

describe('sample catalogue', () => {
  it('loads about 15,000 items marked 示例, the newborn bundle, and stays loaded once', () => {
    expect(catalog.meta()).toEqual({ source: 'sample', version: 'sample-1' });
    expect(catalog.index.size).toBe(15_001);
    expect((db.prepare('SELECT count(*) AS n FROM catalog_items WHERE sample = 0').get() as { n: number }).n).toBe(0);
    const again = new CatalogService(db);
    expect(again.index.size).toBe(15_001);
  });

  it('has unique item ids and names', () => {
    const { items } = sampleCatalog();
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.name)).size).toBe(items.length);
  });

  it('writes the three 办事指南 in full', () => {
    const it = catalog.item('11330102MB0000002Y0001');
    expect(it).toMatchObject({ name: '不动产抵押权首次登记', projectType: 'promise', promiseLimit: 2, fees: [{ name: '不动产登记费' }] });
    expect(it.materials.map((m) => m.name)).toContain('主债权合同');
    expect(it.fields.map((f) => f.label)).toContain('抵押方式');
    const bundle = catalog.bundle('bundle-newborn');
    expect(bundle.itemDetails).toHaveLength(9);
    expect(bundle.items[5]!.dependsOn).toBe(bundle.items[3]!.itemId);
  });
});

describe('catalogue search', () => {
  it('finds by Chinese, full pinyin, initials and code', () => {
    expect(catalog.search('个体工商')[0]?.name).toBe('个体工商户设立登记');
    expect(catalog.search('getigongshang')[0]?.name).toBe('个体工商户设立登记');
    expect(catalog.search('gtgsh')[0]?.name).toBe('个体工商户设立登记');
    expect(catalog.search('bdcdyq')[0]?.name).toBe('不动产抵押权首次登记');
    expect(catalog.search('xinsheng')[0]).toMatchObject({ kind: 'bundle', name: '新生儿出生一件事' });
    expect(catalog.search('000105002')[0]?.name).toBe('个体工商户设立登记');
    expect(catalog.search('  ')).toHaveLength(12);
    expect(catalog.search('不存在的事项名称')).toEqual([]);
  });

  it('ranks this window’s frequent items first', () => {
    const before = catalog.search('paiwu');
    const last = before.at(-1)!;
    for (let i = 0; i < 3; i++) catalog.recordUse(last.id, new Date().toISOString());
    expect(catalog.search('paiwu')[0]!.id).toBe(last.id);
    expect(catalog.frequent()[0]!.id).toBe(last.id);
    expect(new CatalogService(db).search('paiwu')[0]!.id).toBe(last.id);
  });

  it('refuses an unknown or withdrawn item in Chinese', () => {
    expect(() => catalog.item('nope')).toThrow(/找不到事项/);
    db.prepare("UPDATE catalog_items SET status = 'withdrawn' WHERE id = '11330102MB0000001X0001'").run();
    expect(() => catalog.item('11330102MB0000001X0001')).toThrow(/已停止办理/);
    catalog.reload();
    expect(catalog.search('gtgsh').map((h) => h.name)).not.toContain('个体工商户设立登记');
  });
});
