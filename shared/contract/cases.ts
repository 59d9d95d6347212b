import { method } from './define';
import { z } from './zod';

export const caseStatusSchema = z.enum([
  'draft',
  'received',
  'withdrawn',
  'accepted',
  'refused',
  'correcting',
  'corrected',
  'departmentAccepted',
  'special',
  'specialEnded',
  'awaitingPickup',
  'delivered',
]);
export const materialStateSchema = z.enum(['missing', 'paper', 'electronic', 'paperAndElectronic', 'exempt', 'rongque', 'promise', 'defective']);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** 申请人 / 经办人. certType: 111 居民身份证, 001 统一社会信用代码, 414 护照, 516 港澳台居民居住证, 553 外国人永久居留身份证. */
export const partySchema = z.object({
  kind: z.enum(['person', 'org']),
  name: z.string().max(100),
  certType: z.string().max(8),
  certNo: z.string().max(40),
  phone: z.string().max(30).optional(),
  address: z.string().max(200).optional(),
  /** 一人一档: the applicant agreed to reuse phone and address in later cases. */
  consentReuse: z.boolean().optional(),
});
export type Party = z.infer<typeof partySchema>;

export const caseMaterialSchema = z.object({
  key: z.string(),
  name: z.string(),
  necessity: z.enum(['required', 'optional', 'conditional']),
  copiesRequired: z.number(),
  allowRongque: z.boolean(),
  allowPromise: z.boolean(),
  elicenseType: z.string().nullable(),
  itemIds: z.array(z.string()),
  state: materialStateSchema,
  count: z.number(),
  note: z.string(),
});

const materialPatchSchema = z.object({
  key: z.string().min(1),
  state: materialStateSchema,
  count: z.number().int().min(0).max(999).optional(),
  note: z.string().max(500).optional(),
});

export const saveDraftInputSchema = z
  .object({
    caseId: z.string().optional(),
    /** The revision the clerk's screen last saw; a mismatch is a CONFLICT (two tabs on one case). */
    draftRev: z.number().int().optional(),
    applicant: partySchema.optional(),
    agent: partySchema.nullable().optional(),
    /** Either single items or one 一件事 bundle. */
    itemIds: z.array(z.string()).max(30).optional(),
    bundleId: z.string().nullable().optional(),
    materials: z.array(materialPatchSchema).optional(),
    form: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
    ticketNo: z.string().max(20).nullable().optional(),
    channel: z.enum(['window', 'onlinePrereview', 'crossRegion']).optional(),
    handleRegion: z.string().regex(/^\d{6}$/, '办理地区划代码应为 6 位数字').optional(),
  })
  .strict();
export type SaveDraftInput = z.input<typeof saveDraftInputSchema>;

export const caseEventSchema = z.object({
  id: z.number(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  statusCode: z.number().nullable(),
  at: z.string(),
  actor: z.string(),
  note: z.string(),
});

export const caseDocumentSchema = z.object({
  id: z.string(),
  docType: z.string(),
  docNo: z.string(),
  createdAt: z.string(),
  prints: z.number(),
  content: z.record(z.string(), z.unknown()),
});
export type CaseDocument = z.infer<typeof caseDocumentSchema>;

export const caseDetailSchema = z.object({
  id: z.string(),
  caseNo: z.string().nullable(),
  queryPassword: z.string().nullable(),
  status: caseStatusSchema,
  statusLabel: z.string(),
  applicant: partySchema,
  agent: partySchema.nullable(),
  bundle: z.object({ id: z.string(), name: z.string() }).nullable(),
  items: z.array(z.object({ itemId: z.string(), version: z.number(), name: z.string() })),
  materials: z.array(caseMaterialSchema),
  summary: z.object({
    counts: z.object({ electronic: z.number(), paper: z.number(), exempt: z.number(), rongque: z.number(), promise: z.number(), needFix: z.number() }),
    missing: z.array(z.string()),
    defective: z.array(z.string()),
    canAccept: z.boolean(),
    canAcceptRongque: z.boolean(),
  }),
  form: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  channel: z.enum(['window', 'onlinePrereview', 'crossRegion']),
  receiveRegion: z.string(),
  handleRegion: z.string(),
  promiseLimit: z.number().nullable(),
  promiseUnit: z.string().nullable(),
  promiseDue: z.string().nullable(),
  deadline: z.object({ due: z.string(), left: z.number(), level: z.enum(['ok', 'near', 'overdue']), paused: z.boolean() }).nullable(),
  correctionNotice: z.object({ noticeDue: z.string(), deemedAccepted: z.boolean(), workingDaysLeft: z.number() }).nullable(),
  receivedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  rongqueDeadline: z.string().nullable(),
  decision: z.record(z.string(), z.unknown()).nullable(),
  resultCode: z.number().nullable(),
  delivery: z.record(z.string(), z.unknown()).nullable(),
  clerkName: z.string(),
  windowNo: z.number(),
  ticketNo: z.string().nullable(),
  platformNo: z.string().nullable(),
  catalogVersion: z.string(),
  draftRev: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.string()),
  events: z.array(caseEventSchema),
  documents: z.array(caseDocumentSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const caseListRowSchema = z.object({
  id: z.string(),
  caseNo: z.string().nullable(),
  status: caseStatusSchema,
  statusLabel: z.string(),
  applicantName: z.string(),
  certNoMasked: z.string(),
  itemNames: z.string(),
  promiseDue: z.string().nullable(),
  deadlineLevel: z.enum(['ok', 'near', 'overdue']).nullable(),
  workingDaysLeft: z.number().nullable(),
  updatedAt: z.string(),
  clerkName: z.string(),
});
export type CaseListRow = z.infer<typeof caseListRowSchema>;

const caseRef = z.object({ caseId: z.string().min(1) });
/** A decision returns the case and the documents it produced (受理通知书, or 容缺受理通知书 + 承诺书 …). */
const decided = z.object({ case: caseDetailSchema, documents: z.array(caseDocumentSchema) });
export type DecisionResult = z.infer<typeof decided>;

export const casesMethods = {
  'cases.saveDraft': method({ summary: '保存草稿（自动保存）', input: saveDraftInputSchema, output: caseDetailSchema }),
  'cases.discardDraft': method({ summary: '放弃草稿', input: caseRef.strict(), output: z.object({ discarded: z.boolean() }) }),
  'cases.get': method({ summary: '办件详情', input: caseRef.strict(), output: caseDetailSchema }),
  'cases.list': method({
    summary: '办件查询',
    input: z
      .object({
        query: z.string().max(60).optional(),
        status: z.array(caseStatusSchema).optional(),
        from: day.optional(),
        to: day.optional(),
        todayOnly: z.boolean().optional(),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ rows: z.array(caseListRowSchema), total: z.number() }),
  }),
  'cases.receive': method({ summary: '收件', input: caseRef.strict(), output: decided }),
  'cases.accept': method({ summary: '受理', input: caseRef.strict(), output: decided }),
  'cases.acceptRongque': method({
    summary: '容缺受理',
    input: caseRef.extend({ deadline: day, commitmentSigned: z.literal(true, { error: '容缺受理须由申请人签署承诺书' }) }).strict(),
    output: decided,
  }),
  'cases.notifyCorrection': method({
    summary: '一次性告知（补正）',
    input: caseRef.extend({ note: z.string().max(500).optional() }).strict(),
    output: decided,
  }),
  'cases.correctionReceived': method({ summary: '补正材料收到', input: caseRef.strict(), output: decided }),
  'cases.refuse': method({
    summary: '不予受理',
    input: caseRef
      .extend({
        reason: z.string().trim().min(4, '请写明不予受理的理由（至少 4 个字）').max(500),
        competentAuthority: z.string().max(100).optional(),
      })
      .strict(),
    output: decided,
  }),
  'cases.withdraw': method({
    summary: '撤件',
    input: caseRef.extend({ reason: z.string().trim().min(2, '请写明撤件原因').max(200) }).strict(),
    output: decided,
  }),
  'cases.applyPlatformStatus': method({
    summary: '平台办理状态（部门受理、特别程序、办结）',
    input: z
      .object({
        caseNo: z.string(),
        statusCode: z.union([z.literal(8), z.literal(9), z.literal(10), z.literal(11), z.literal(12), z.literal(13)]),
        at: z.string(),
        note: z.string().max(500).default(''),
        platformNo: z.string().max(60).optional(),
      })
      .strict(),
    output: z.object({ result: z.enum(['applied', 'deferred', 'duplicate']) }),
  }),
  'cases.deliver': method({
    summary: '出件',
    input: caseRef
      .extend({
        mode: z.enum(['pickup', 'mail']),
        collector: z.object({ role: z.enum(['applicant', 'agent']), name: z.string().min(1).max(100), certNo: z.string().min(1).max(40) }).optional(),
        /** An agent collects only with the applicant's 委托书 (checked by the clerk). */
        powerOfAttorneyChecked: z.boolean().optional(),
        mail: z.object({ recipient: z.string().min(1).max(100), phone: z.string().min(5).max(30), address: z.string().min(4).max(200), waybillNo: z.string().min(4).max(40) }).optional(),
      })
      .strict(),
    output: decided,
  }),
  'documents.logPrint': method({
    summary: '记录打印',
    input: z.object({ documentId: z.string(), via: z.enum(['printer', 'pdf']), copies: z.number().int().min(1).max(10) }).strict(),
    output: z.object({ prints: z.number() }),
  }),
  'applicants.lookup': method({
    summary: '一人一档：可复用的联系方式',
    input: z.object({ certType: z.string(), certNo: z.string() }).strict(),
    output: z.object({ found: z.boolean(), name: z.string().optional(), phone: z.string().optional(), address: z.string().optional(), cases: z.number() }),
  }),
};

export const casesEvents = {
  /** A case changed (decision, platform status): lists refresh. */
  'cases.changed': z.object({ caseId: z.string(), caseNo: z.string().nullable(), status: caseStatusSchema }),
};
