import { catalogFieldSchema, catalogMaterialSchema } from '../../../shared/contract/catalog';
import { z } from '../../../shared/contract/zod';

/**
 * The wire protocol between a window client and the central platform (README.md beside this file
 * documents it). Both the client and the reference platform in test/central validate with these
 * schemas, so a malformed reply is refused at the edge and never reaches the database.
 */

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const serverTime = z.iso.datetime({ offset: true });

export const registerRequestSchema = z.object({ hallCode: z.string().regex(/^\d{6}$/), windowNo: z.number().int().min(1).max(99), hallName: z.string().max(60) });
export const registerReplySchema = z.object({ clientId: z.string().min(8), clientSecret: z.string().min(16), serverTime });

export const tokenRequestSchema = z.object({ clientId: z.string(), clientSecret: z.string() });
export const tokenReplySchema = z.object({ accessToken: z.string().min(16), expiresAt: serverTime, serverTime });

export const pushOpSchema = z.object({
  seq: z.number().int().positive(),
  opId: z.string().min(1),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  aggregateId: z.string().nullable(),
  /** The op's JSON payload as the client stored it, byte for byte. */
  payload: z.string(),
  blobRefs: z.array(sha256Schema),
  createdAt: z.string(),
});
export type PushOp = z.infer<typeof pushOpSchema>;
export const pushRequestSchema = z.object({ clientId: z.string(), ops: z.array(pushOpSchema).min(1).max(500) });

export const opResultSchema = z.object({
  seq: z.number().int().positive(),
  opId: z.string(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  code: z.string().optional(),
  reason: z.string().optional(),
});
export type OpResult = z.infer<typeof opResultSchema>;
export const pushReplySchema = z.object({ lastSeq: z.number().int().nonnegative(), results: z.array(opResultSchema), serverTime });
/** 409: the batch does not start at lastSeq + 1; nothing of it was applied. */
export const seqGapReplySchema = z.object({ code: z.literal('SEQ_GAP'), lastSeq: z.number().int().nonnegative(), serverTime });

export const blobReplySchema = z.object({ sha256: sha256Schema, size: z.number().int().nonnegative(), serverTime });

export const datasetSchema = z.enum(['catalog', 'calendar', 'cases']);
export type Dataset = z.infer<typeof datasetSchema>;

export const changeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), key: z.string().min(1), value: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal('delete'), key: z.string().min(1) }),
]);
export type Change = z.infer<typeof changeSchema>;
export const pullReplySchema = z.object({
  dataset: datasetSchema,
  /** true: the cursor is too old (or absent); the changes are snapshot pages to be swapped in whole. */
  snapshot: z.boolean(),
  changes: z.array(changeSchema),
  nextCursor: z.string(),
  hasMore: z.boolean(),
  /** The client's cursor can no longer be served: drop it and pull a snapshot (cursor omitted). */
  resetRequired: z.boolean(),
  serverTime,
});
export type PullReply = z.infer<typeof pullReplySchema>;

/** dataset `cases`: what the back office did with one of this client's cases. */
export const platformStatusSchema = z.object({
  caseNo: z.string(),
  platformNo: z.string(),
  statusCode: z.number().int().min(8).max(13),
  at: z.string(),
  note: z.string(),
});
export type PlatformStatusChange = z.infer<typeof platformStatusSchema>;

/** dataset `calendar`. */
export const calendarDaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
});

// The catalogue travels whole: every field the 办事指南 shows and the workspace uses. Fields an
// older platform does not send take their documented defaults.
// The same material and form-field shapes the workspace reads (shared/contract/catalog.ts), plus
// the material's order on the wire and defaults for what an older platform leaves out.
const materialSchema = catalogMaterialSchema.extend({
  orderNum: z.number().int(),
  copies: z.number().int(),
  sourceType: catalogMaterialSchema.shape.sourceType.default('applicant'),
  acceptStandard: z.string().default(''),
  blankFormRef: z.string().nullable().default(null),
  sampleRef: z.string().nullable().default(null),
  note: z.string().default(''),
});
const fieldSchema = catalogFieldSchema.extend({
  key: z.string().min(1),
  options: z.array(z.string()).default([]),
  prefill: z.string().nullable().default(null),
  maxLength: z.number().int().positive().nullable().default(null),
});
/** dataset `catalog`, key `item:<id>`. */
export const catalogItemSchema = z.object({
  id: z.string(),
  catalogCode: z.string(),
  taskCode: z.string(),
  handleItemCode: z.string().nullable().default(null),
  name: z.string(),
  typeCode: z.string(),
  deptName: z.string(),
  deptCode: z.string().nullable().default(null),
  legalLimit: z.number().int(),
  legalUnit: z.enum(['workday', 'day']),
  promiseLimit: z.number().int(),
  promiseUnit: z.enum(['workday', 'day']),
  projectType: z.enum(['instant', 'promise']),
  acceptCondition: z.string(),
  fees: z.array(z.object({ name: z.string(), standard: z.string() })).default([]),
  visits: z.number().int().nonnegative().default(1),
  handleArea: z.enum(['city', 'province', 'nation']).default('city'),
  canMail: z.boolean().default(false),
  specialProcedure: z.string().default(''),
  resultName: z.string().default(''),
  transactAddr: z.string().default(''),
  transactTime: z.string().default(''),
  linkWay: z.string().default(''),
  remitNote: z.string().default(''),
  version: z.number().int(),
  status: z.enum(['active', 'withdrawn']),
  materials: z.array(materialSchema),
  fields: z.array(fieldSchema).default([]),
});
/** What a platform may send (defaults not yet filled in). */
export type CatalogItemWire = z.input<typeof catalogItemSchema>;
/** dataset `catalog`, key `bundle:<id>`. */
export const catalogBundleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  promiseLimit: z.number().int(),
  promiseUnit: z.enum(['workday', 'day']),
  version: z.number().int(),
  status: z.enum(['active', 'withdrawn']),
  itemIds: z.array(z.string()),
  /** item id → the item of the bundle that must be done first (出生登记 before 医保). */
  dependsOn: z.record(z.string(), z.string()).default({}),
});
export type CatalogBundleWire = z.input<typeof catalogBundleSchema>;

export const errorReplySchema = z.object({ code: z.string(), message: z.string(), serverTime: serverTime.optional() });

export const clerkLoginRequestSchema = z.object({ login: z.string().min(1).max(60), password: z.string().min(1).max(200) });
export const clerkLoginReplySchema = z.object({
  account: z.object({ login: z.string(), name: z.string(), role: z.enum(['clerk', 'supervisor', 'admin']), windowNos: z.array(z.number().int()) }),
  serverTime,
});
export const clerkLoginErrorSchema = z.object({ code: z.enum(['BAD_CREDENTIALS', 'LOCKED', 'DISABLED']), message: z.string() });

export const elicenseReplySchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('found'), licenseId: z.string(), name: z.string(), serverTime }),
  z.object({ status: z.literal('notFound'), serverTime }),
]);

/** Payload of `rating.submitted` (schema 1). */
export const ratingPayloadSchema = z.object({
  ratingId: z.string(),
  caseNo: z.string(),
  ticketNo: z.string().nullable(),
  serviceStep: z.enum(['accept', 'deliver']),
  grade: z.number().int().min(1).max(5).nullable(),
  optionCodes: z.array(z.string()),
  comment: z.string(),
  channel: z.literal(5),
  at: z.string(),
  clerk: z.string(),
  windowNo: z.number().int(),
});

/** Payload of `case.event` (schema 1): the platform needs only these fields to file the case. */
export const caseEventPayloadSchema = z
  .object({
    caseId: z.string(),
    caseNo: z.string().min(1),
    action: z.string(),
    status: z.string(),
    statusCode: z.number().int().nullable(),
    at: z.string(),
    items: z.array(z.object({ itemId: z.string(), version: z.number().int(), name: z.string() }).loose()),
  })
  .loose();
