import { method } from './define';
import { z } from './zod';

export const signaturePurposeSchema = z.enum(['rongque', 'promise', 'deliver']);
export type SignaturePurpose = z.infer<typeof signaturePurposeSchema>;
export const signaturePurposeLabels: Record<SignaturePurpose, string> = {
  rongque: '容缺受理承诺',
  promise: '告知承诺书',
  deliver: '出件签收',
};

export const serviceStepSchema = z.enum(['accept', 'deliver']);
export type ServiceStep = z.infer<typeof serviceStepSchema>;
export const serviceStepLabels: Record<ServiceStep, string> = { accept: '受理', deliver: '出件' };

/** What the applicant sees. The ID number arrives masked: the full one never reaches this screen. */
export const customerViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({
    kind: z.literal('case'),
    caseNo: z.string().max(40).nullable(),
    applicantName: z.string().max(60),
    idNumberMasked: z.string().max(40).refine((s) => !/^\d{17}[\dXx]$/.test(s), '证件号码必须先遮盖再显示'),
    items: z.array(z.string().max(200)).max(50),
    materials: z.array(z.object({ name: z.string().max(200), state: z.string().max(40) })).max(100),
    decision: z.string().max(200).nullable(),
  }),
]);
export type CustomerView = z.infer<typeof customerViewSchema>;

export const signatureRequestSchema = z.object({
  requestId: z.string(),
  caseId: z.string(),
  purpose: signaturePurposeSchema,
});
export const ratingRequestSchema = z.object({
  requestId: z.string(),
  caseNo: z.string(),
  ticketNo: z.string().nullable(),
  serviceStep: serviceStepSchema,
});
export type RatingRequest = z.infer<typeof ratingRequestSchema>;

export const customerStateSchema = z.object({
  view: customerViewSchema,
  signature: signatureRequestSchema.nullable(),
  rating: ratingRequestSchema.nullable(),
  windowNo: z.number(),
  hallName: z.string(),
  clerkName: z.string(),
  servicePromise: z.string(),
});
export type CustomerState = z.infer<typeof customerStateSchema>;

/** PNG data URL, at most ~1 MB: a signature pad never needs more. */
export const pngDataUrlSchema = z
  .string()
  .max(1_400_000, '签名图片过大')
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, '签名应为 PNG 图片');

export const customerMethods = {
  'customer.current': method({ summary: '评价屏当前显示的内容', input: z.object({}).strict(), output: customerStateSchema }),
  'customer.show': method({ summary: '在评价屏上显示办理信息', input: customerViewSchema, output: z.object({ shown: z.literal(true) }) }),
  'customer.requestSignature': method({
    summary: '请申请人在评价屏上签名',
    input: z.object({ caseId: z.string().min(1).max(64), purpose: signaturePurposeSchema }).strict(),
    output: signatureRequestSchema,
  }),
  'customer.submitSignature': method({
    summary: '申请人提交签名',
    input: z.object({ requestId: z.string().min(1).max(64), dataUrl: pngDataUrlSchema }).strict(),
    output: z.object({ caseId: z.string(), purpose: signaturePurposeSchema, signedAt: z.string() }),
  }),
  'customer.requestRating': method({
    summary: '请申请人评价本次服务',
    input: z.object({ caseNo: z.string().min(1).max(40), ticketNo: z.string().max(20).nullable(), serviceStep: serviceStepSchema }).strict(),
    output: ratingRequestSchema,
  }),
  'customer.submitRating': method({
    summary: '申请人提交评价',
    input: z
      .object({
        requestId: z.string().min(1).max(64),
        grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
        optionCodes: z.array(z.string().regex(/^\d{3}$/)).max(8).default([]),
        comment: z.string().trim().max(500).default(''),
      })
      .strict(),
    output: z.object({ ratingId: z.string(), grade: z.number().nullable(), followUpId: z.string().nullable() }),
  }),
  'customer.skipRating': method({
    summary: '申请人未评价',
    input: z.object({ requestId: z.string().min(1).max(64) }).strict(),
    output: z.object({ ratingId: z.string(), grade: z.number().nullable(), followUpId: z.string().nullable() }),
  }),
};

export const customerEvents = {
  'customer.view': customerViewSchema,
  'customer.signatureRequested': signatureRequestSchema,
  'customer.ratingRequested': ratingRequestSchema,
  'customer.signatureDone': z.object({ requestId: z.string(), caseId: z.string(), purpose: signaturePurposeSchema }),
  'customer.ratingDone': z.object({ requestId: z.string(), caseNo: z.string(), serviceStep: serviceStepSchema, grade: z.number().nullable() }),
};
