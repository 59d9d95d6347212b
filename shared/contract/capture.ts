import { method } from './define';
import { z } from './zod';

/** Key of a material slot: the case and the material (材料) of its checklist. */
const slot = { caseId: z.string().min(1).max(100), materialId: z.string().min(1).max(100) };

export const attachmentSourceSchema = z.enum(['camera', 'escl', 'sane', 'naps2', 'file']);

export const attachmentSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  materialId: z.string(),
  /** 1-based among the pages not deleted; deleted pages keep their last number. */
  pageNo: z.number().int(),
  sha256: z.string(),
  mime: z.enum(['image/jpeg', 'image/png']),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  thumbSha256: z.string().nullable(),
  source: attachmentSourceSchema,
  createdAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** Base64 without a data: prefix. 12 MiB of base64 keeps a request under the host's 16 MiB body limit. */
const base64 = (max: number) => z.string().min(4).max(max).regex(/^[A-Za-z0-9+/]+={0,2}$/, '图片数据格式不正确');

export const scannerKindSchema = z.enum(['escl', 'sane', 'naps2']);
export const scannerSchema = z.object({
  kind: scannerKindSchema,
  /** eSCL base URL, SANE device name or NAPS2 device name. */
  address: z.string(),
  name: z.string(),
  hasFeeder: z.boolean(),
});
export type Scanner = z.infer<typeof scannerSchema>;

export const scanRequestSchema = z.object({
  ...slot,
  kind: scannerKindSchema,
  address: z.string().min(1).max(500),
  source: z.enum(['platen', 'feeder']).default('platen'),
  colorMode: z.enum(['color', 'gray']).default('color'),
  dpi: z.number().int().min(75).max(600).default(200),
});

export const captureMethods = {
  'attachments.add': method({
    summary: '添加材料页（拍照）',
    input: z.object({ ...slot, jpegBase64: base64(12 * 1024 * 1024), thumbBase64: base64(1024 * 1024).optional(), source: attachmentSourceSchema.default('camera') }).strict(),
    output: attachmentSchema,
  }),
  'attachments.list': method({
    summary: '列出材料的页',
    input: z.object({ ...slot, includeDeleted: z.boolean().default(false) }).strict(),
    output: z.array(attachmentSchema),
  }),
  'attachments.reorder': method({
    summary: '调整材料页顺序',
    input: z.object({ ...slot, ids: z.array(z.string()).min(1).max(500) }).strict(),
    output: z.array(attachmentSchema),
  }),
  'attachments.remove': method({
    summary: '删除材料页（可恢复）',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: attachmentSchema,
  }),
  'attachments.restore': method({
    summary: '恢复已删除的材料页',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: attachmentSchema,
  }),
  'attachments.image': method({
    summary: '读取材料页图片',
    input: z.object({ id: z.string().min(1), size: z.enum(['thumb', 'full']).default('thumb') }).strict(),
    output: z.object({ dataUrl: z.string() }),
  }),
  'attachments.pdf': method({
    summary: '生成材料 PDF',
    input: z.object(slot).strict(),
    output: z.object({ sha256: z.string(), pages: z.number().int(), bytes: z.number().int(), path: z.string() }),
  }),
  'capture.scanners.list': method({
    summary: '查找扫描仪',
    input: z.object({}).strict(),
    output: z.array(scannerSchema),
  }),
  'capture.scan': method({
    summary: '扫描材料',
    input: scanRequestSchema.strict(),
    output: z.array(attachmentSchema),
  }),
  'capture.cancel': method({
    summary: '取消扫描',
    input: z.object({}).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
};

export const captureEvents = {
  /** Progress of a multi-page scan, one event per stored page and one at the end. */
  'capture.progress': z.object({
    caseId: z.string(),
    materialId: z.string(),
    pages: z.number().int(),
    state: z.enum(['scanning', 'done', 'failed', 'cancelled']),
    message: z.string().optional(),
  }),
  'attachments.changed': z.object({ caseId: z.string(), materialId: z.string() }),
  /** A code read by a serial (USB-COM) scan gun; keyboard-wedge codes are detected in the renderer. */
  'capture.barcode': z.object({ code: z.string(), kind: z.enum(['appointment', 'licence', 'url', 'other']) }),
};
