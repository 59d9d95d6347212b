import { pinyin } from 'pinyin-pro';
import type { DB } from '../db/connection';
import type { CatalogBundle, CatalogField, CatalogItem, CatalogMaterial } from './catalog-types';

/** Full pinyin (syllables joined) and initials: what the search index matches ASCII queries against. */
export function searchKeys(name: string): { pinyin: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'removed', v: true });
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') };
}

const b = (v: boolean) => (v ? 1 : 0);

/**
 * Writes items (with their materials and fields) and bundles. Caller owns the transaction.
 * `intoEmpty`: the catalogue tables were just emptied (a snapshot swap), so there are no old
 * children to delete first.
 */
export function writeCatalog(db: DB, items: readonly CatalogItem[], bundles: readonly CatalogBundle[], at: string, options: { intoEmpty?: boolean } = {}): void {
  const replacing = !options.intoEmpty;
  const upsertItem = db.prepare(`INSERT OR REPLACE INTO catalog_items (id, catalog_code, task_code, handle_item_code, name, type_code, dept_name, dept_code,
    accept_condition, legal_limit, legal_unit, promise_limit, promise_unit, project_type, fees, visits, handle_area, can_mail, special_procedure,
    result_name, transact_addr, transact_time, link_way, remit_note, version, status, sample, search_pinyin, search_initials, updated_at)
    VALUES (@id, @catalogCode, @taskCode, @handleItemCode, @name, @typeCode, @deptName, @deptCode, @acceptCondition, @legalLimit, @legalUnit,
    @promiseLimit, @promiseUnit, @projectType, @fees, @visits, @handleArea, @canMail, @specialProcedure, @resultName, @transactAddr,
    @transactTime, @linkWay, @remitNote, @version, @status, @sample, @pinyin, @initials, @at)`);
  const dropMaterials = db.prepare('DELETE FROM catalog_materials WHERE item_id = ?');
  const dropFields = db.prepare('DELETE FROM catalog_fields WHERE item_id = ?');
  const insertMaterial = db.prepare(`INSERT INTO catalog_materials (id, item_id, order_num, name, shared_key, necessity, material_type, format, copies,
    source_type, accept_standard, allow_rongque, allow_promise, elicense_type, blank_form_ref, sample_ref, note)
    VALUES (@id, @itemId, @order, @name, @sharedKey, @necessity, @materialType, @format, @copies, @sourceType, @acceptStandard, @allowRongque,
    @allowPromise, @elicenseType, @blankFormRef, @sampleRef, @note)`);
  const insertField = db.prepare(`INSERT INTO catalog_fields (item_id, field_key, label, kind, required, options, prefill, max_length, order_num)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const it of items) {
    const keys = searchKeys(it.name);
    // INSERT OR REPLACE deletes the old row first; children go with it via ON DELETE CASCADE, but be explicit.
    if (replacing) {
      dropMaterials.run(it.id);
      dropFields.run(it.id);
    }
    upsertItem.run({ ...it, fees: JSON.stringify(it.fees), canMail: b(it.canMail), sample: b(it.sample), pinyin: keys.pinyin, initials: keys.initials, at });
    it.materials.forEach((m, order) =>
      insertMaterial.run({ ...m, itemId: it.id, order, allowRongque: b(m.allowRongque), allowPromise: b(m.allowPromise) }),
    );
    it.fields.forEach((f, order) => insertField.run(it.id, f.key, f.label, f.kind, b(f.required), JSON.stringify(f.options), f.prefill, f.maxLength, order));
  }
  const upsertBundle = db.prepare(`INSERT OR REPLACE INTO catalog_bundles (id, name, description, promise_limit, promise_unit, version, status, sample,
    search_pinyin, search_initials, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const dropBundleItems = db.prepare('DELETE FROM catalog_bundle_items WHERE bundle_id = ?');
  const insertBundleItem = db.prepare('INSERT INTO catalog_bundle_items (bundle_id, item_id, order_num, depends_on) VALUES (?, ?, ?, ?)');
  for (const bu of bundles) {
    const keys = searchKeys(bu.name);
    if (replacing) dropBundleItems.run(bu.id);
    upsertBundle.run(bu.id, bu.name, bu.description, bu.promiseLimit, bu.promiseUnit, bu.version, bu.status, b(bu.sample), keys.pinyin, keys.initials, at);
    bu.items.forEach((bi, order) => insertBundleItem.run(bu.id, bi.itemId, order, bi.dependsOn));
  }
}

export function setCatalogMeta(db: DB, meta: Record<string, string>): void {
  const put = db.prepare('INSERT INTO catalog_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [k, v] of Object.entries(meta)) put.run(k, v);
}

export function catalogMeta(db: DB): { source: 'sample' | 'platform' | 'empty'; version: string } {
  const rows = db.prepare('SELECT key, value FROM catalog_meta').all() as { key: string; value: string }[];
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  return { source: (get('source') as 'sample' | 'platform' | undefined) ?? 'empty', version: get('version') ?? '' };
}

interface ItemRow {
  id: string;
  catalog_code: string;
  task_code: string;
  handle_item_code: string | null;
  name: string;
  type_code: string;
  dept_name: string;
  dept_code: string | null;
  accept_condition: string;
  legal_limit: number;
  legal_unit: 'workday' | 'day';
  promise_limit: number;
  promise_unit: 'workday' | 'day';
  project_type: 'instant' | 'promise';
  fees: string;
  visits: number;
  handle_area: CatalogItem['handleArea'];
  can_mail: number;
  special_procedure: string;
  result_name: string;
  transact_addr: string;
  transact_time: string;
  link_way: string;
  remit_note: string;
  version: number;
  status: 'active' | 'withdrawn';
  sample: number;
}

/** One item with its materials and form fields, or undefined. */
export function readItem(db: DB, id: string): CatalogItem | undefined {
  const r = db.prepare('SELECT * FROM catalog_items WHERE id = ?').get(id) as ItemRow | undefined;
  if (!r) return undefined;
  const materials = (db.prepare('SELECT * FROM catalog_materials WHERE item_id = ? ORDER BY order_num').all(id) as Record<string, unknown>[]).map(
    (m): CatalogMaterial => ({
      id: m.id as string,
      name: m.name as string,
      sharedKey: m.shared_key as string | null,
      necessity: m.necessity as CatalogMaterial['necessity'],
      materialType: m.material_type as CatalogMaterial['materialType'],
      format: m.format as CatalogMaterial['format'],
      copies: m.copies as number,
      sourceType: m.source_type as CatalogMaterial['sourceType'],
      acceptStandard: m.accept_standard as string,
      allowRongque: m.allow_rongque === 1,
      allowPromise: m.allow_promise === 1,
      elicenseType: m.elicense_type as string | null,
      blankFormRef: m.blank_form_ref as string | null,
      sampleRef: m.sample_ref as string | null,
      note: m.note as string,
    }),
  );
  const fields = (db.prepare('SELECT * FROM catalog_fields WHERE item_id = ? ORDER BY order_num').all(id) as Record<string, unknown>[]).map(
    (f): CatalogField => ({
      key: f.field_key as string,
      label: f.label as string,
      kind: f.kind as CatalogField['kind'],
      required: f.required === 1,
      options: JSON.parse(f.options as string) as string[],
      prefill: f.prefill as string | null,
      maxLength: f.max_length as number | null,
    }),
  );
  return {
    id: r.id,
    catalogCode: r.catalog_code,
    taskCode: r.task_code,
    handleItemCode: r.handle_item_code,
    name: r.name,
    typeCode: r.type_code,
    deptName: r.dept_name,
    deptCode: r.dept_code,
    acceptCondition: r.accept_condition,
    legalLimit: r.legal_limit,
    legalUnit: r.legal_unit,
    promiseLimit: r.promise_limit,
    promiseUnit: r.promise_unit,
    projectType: r.project_type,
    fees: JSON.parse(r.fees) as CatalogItem['fees'],
    visits: r.visits,
    handleArea: r.handle_area,
    canMail: r.can_mail === 1,
    specialProcedure: r.special_procedure,
    resultName: r.result_name,
    transactAddr: r.transact_addr,
    transactTime: r.transact_time,
    linkWay: r.link_way,
    remitNote: r.remit_note,
    version: r.version,
    status: r.status,
    sample: r.sample === 1,
    materials,
    fields,
  };
}

export function readBundle(db: DB, id: string): CatalogBundle | undefined {
  const r = db.prepare('SELECT * FROM catalog_bundles WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!r) return undefined;
  const items = db.prepare('SELECT item_id AS itemId, depends_on AS dependsOn FROM catalog_bundle_items WHERE bundle_id = ? ORDER BY order_num').all(id) as CatalogBundle['items'];
  return {
    id: r.id as string,
    name: r.name as string,
    description: r.description as string,
    promiseLimit: r.promise_limit as number,
    promiseUnit: r.promise_unit as 'workday' | 'day',
    version: r.version as number,
    status: r.status as 'active' | 'withdrawn',
    sample: r.sample === 1,
    items,
  };
}
