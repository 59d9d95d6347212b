import type { CatalogBundle, CatalogItem } from '../catalog/catalog-types';
import { type CatalogBundleWire, type CatalogItemWire, catalogBundleSchema, catalogItemSchema } from './protocol';

/**
 * Between the catalogue as the platform publishes it and as the window stores it. The platform's
 * rows are never 示例 data; material order travels as `orderNum`, bundle prerequisites as
 * `dependsOn`.
 */
export function itemFromWire(value: unknown): CatalogItem {
  const w = catalogItemSchema.parse(value);
  const materials = [...w.materials].sort((a, b) => a.orderNum - b.orderNum).map(({ orderNum: _order, ...m }) => m);
  return { ...w, materials, sample: false };
}

export function bundleFromWire(value: unknown): CatalogBundle {
  const w = catalogBundleSchema.parse(value);
  const { itemIds, dependsOn, ...rest } = w;
  return { ...rest, sample: false, items: itemIds.map((itemId) => ({ itemId, dependsOn: dependsOn[itemId] ?? null })) };
}

export function itemToWire(item: CatalogItem): CatalogItemWire {
  const { sample: _sample, materials, ...rest } = item;
  return { ...rest, materials: materials.map((m, i) => ({ ...m, orderNum: i + 1 })) };
}

export function bundleToWire(bundle: CatalogBundle): CatalogBundleWire {
  const { sample: _sample, items, ...rest } = bundle;
  const dependsOn: Record<string, string> = {};
  for (const i of items) if (i.dependsOn) dependsOn[i.itemId] = i.dependsOn;
  return { ...rest, itemIds: items.map((i) => i.itemId), dependsOn };
}
