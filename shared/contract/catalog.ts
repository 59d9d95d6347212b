import { method } from './define';
import { z } from './zod';

const unit = z.enum(['workday', 'day']);

export const searchHitSchema = z.object({
  kind: z.enum(['item', 'bundle']),
  id: z.string(),
  name: z.string(),
  deptName: z.string(),
  taskCode: z.string(),
  projectType: z.enum(['instant', 'promise']).nullable(),
  promiseLimit: z.number(),
  sample: z.boolean(),
  uses: z.number(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const catalogMaterialSchema = z.object({
  id: z.string(),
  name: z.string(),
  sharedKey: z.string().nullable(),
  necessity: z.enum(['required', 'optional', 'conditional']),
  materialType: z.enum(['original', 'copy', 'originalAndCopy']),
  format: z.enum(['paper', 'electronic', 'both']),
  copies: z.number(),
  sourceType: z.enum(['applicant', 'government', 'agency', 'other']),
  acceptStandard: z.string(),
  allowRongque: z.boolean(),
  allowPromise: z.boolean(),
  elicenseType: z.string().nullable(),
  blankFormRef: z.string().nullable(),
  sampleRef: z.string().nullable(),
  note: z.string(),
});

export const catalogFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['text', 'textarea', 'number', 'date', 'select', 'phone', 'idNumber', 'creditCode', 'address']),
  required: z.boolean(),
  options: z.array(z.string()),
  prefill: z.string().nullable(),
  maxLength: z.number().nullable(),
});
export type CatalogFieldDef = z.infer<typeof catalogFieldSchema>;

/** One 办事指南: what the clerk sees beside a search result. */
export const catalogItemSchema = z.object({
  id: z.string(),
  catalogCode: z.string(),
  taskCode: z.string(),
  handleItemCode: z.string().nullable(),
  name: z.string(),
  typeCode: z.string(),
  deptName: z.string(),
  deptCode: z.string().nullable(),
  acceptCondition: z.string(),
  legalLimit: z.number(),
  legalUnit: unit,
  promiseLimit: z.number(),
  promiseUnit: unit,
  projectType: z.enum(['instant', 'promise']),
  fees: z.array(z.object({ name: z.string(), standard: z.string() })),
  visits: z.number(),
  handleArea: z.enum(['city', 'province', 'nation']),
  canMail: z.boolean(),
  specialProcedure: z.string(),
  resultName: z.string(),
  transactAddr: z.string(),
  transactTime: z.string(),
  linkWay: z.string(),
  remitNote: z.string(),
  version: z.number(),
  status: z.enum(['active', 'withdrawn']),
  sample: z.boolean(),
  materials: z.array(catalogMaterialSchema),
  fields: z.array(catalogFieldSchema),
});
export type CatalogItemView = z.infer<typeof catalogItemSchema>;

export const catalogBundleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  promiseLimit: z.number(),
  promiseUnit: unit,
  version: z.number(),
  status: z.enum(['active', 'withdrawn']),
  sample: z.boolean(),
  items: z.array(z.object({ itemId: z.string(), dependsOn: z.string().nullable() })),
  itemDetails: z.array(catalogItemSchema),
});
export type CatalogBundleView = z.infer<typeof catalogBundleSchema>;

export const catalogMethods = {
  'catalog.search': method({
    summary: '事项搜索（中文、全拼、首字母、编码）',
    input: z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(100).optional() }).strict(),
    output: z.array(searchHitSchema),
  }),
  'catalog.frequent': method({
    summary: '本窗口常办事项',
    input: z.object({ limit: z.number().int().min(1).max(50).optional() }).strict(),
    output: z.array(searchHitSchema),
  }),
  'catalog.item': method({ summary: '事项办事指南', input: z.object({ id: z.string().min(1) }).strict(), output: catalogItemSchema }),
  'catalog.bundle': method({ summary: '一件事主题', input: z.object({ id: z.string().min(1) }).strict(), output: catalogBundleSchema }),
  'catalog.meta': method({
    summary: '事项目录来源与版本',
    input: z.object({}).strict(),
    output: z.object({ source: z.enum(['sample', 'platform', 'empty']), version: z.string(), items: z.number() }),
  }),
};

export const catalogEvents = {
  /** The catalogue changed (platform pull): pickers re-query. */
  'catalog.changed': z.object({ version: z.string() }),
};
