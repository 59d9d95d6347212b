import { method } from './define';
import { z } from './zod';

export const syncStatusSchema = z.object({
  /** `off`: no platform address in the settings; cases stay on this machine. */
  state: z.enum(['off', 'online', 'offline']),
  pending: z.number().int().nonnegative(),
  /** Ops the platform refused that the clerk has not sent again (同步问题). */
  rejected: z.number().int().nonnegative(),
  /** Client time of the last complete round (ISO 8601). */
  lastSyncAt: z.string().nullable(),
  /** A backlog draining: ops sent of those pending when it started. */
  draining: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Platform clock minus this machine's clock, last measured. */
  clockOffsetMs: z.number().nullable(),
  clockDrift: z.boolean(),
  /** Why the platform is unreachable, in Chinese. */
  message: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncProblemSchema = z.object({
  seq: z.number().int(),
  opType: z.string(),
  /** 受理号 and applicant with the ID number masked; never the whole payload. */
  summary: z.string(),
  createdAt: z.string(),
  code: z.string(),
  reason: z.string(),
});
export type SyncProblem = z.infer<typeof syncProblemSchema>;

export const syncMethods = {
  'sync.status': method({ summary: '与政务服务平台的同步状态', input: z.object({}).strict(), output: syncStatusSchema }),
  'sync.retryNow': method({ summary: '立即同步', input: z.object({}).strict(), output: syncStatusSchema }),
  'sync.problems': method({ summary: '同步问题列表', input: z.object({}).strict(), output: z.array(syncProblemSchema) }),
  'sync.retryProblem': method({
    summary: '重新提交被平台拒收的操作',
    input: z.object({ seq: z.number().int().positive() }).strict(),
    output: z.object({ newSeq: z.number().int().positive() }),
  }),
  'sync.exportProblems': method({
    summary: '导出同步问题',
    input: z.object({}).strict(),
    output: z.object({ fileName: z.string(), content: z.string(), count: z.number().int() }),
  }),
  'elicense.lookup': method({
    summary: '查询电子证照（免提交）',
    input: z.object({ certNo: z.string().min(1).max(40), licenseType: z.string().min(1).max(60) }).strict(),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('found'), licenseId: z.string(), name: z.string() }),
      z.object({ status: z.literal('notFound') }),
      z.object({ status: z.literal('offline') }),
    ]),
  }),
};

export const syncEvents = {
  'sync.status': syncStatusSchema,
};
