import { suspendKinds, ticketStates } from '../domain/queue/states';
import { method } from './define';
import { z } from './zod';

/**
 * 排队叫号. Two surfaces share these schemas:
 * - the clerk client's contract methods (`queue.*` in `queueMethods`), bound by both hosts; the
 *   client's queue service adds this window's number and clerk and forwards to the hall service;
 * - the hall service's own HTTP API (`hallOps`, see electron/services/queue/README.md), used by
 *   remote clients, the kiosk and the display, authenticated by the hall key.
 */

/** Idempotency key: a retried mutation with the same id is answered from the log, never applied twice. */
export const requestIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const appointmentSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** 身份证号: the case draft needs it; never logged unmasked. */
  idNo: z.string(),
  phone: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  slotStart: z.number().int(),
  slotEnd: z.number().int(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const ticketSchema = z.object({
  id: z.string(),
  label: z.string(),
  day: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  state: z.enum(ticketStates),
  priorityGroup: z.string().nullable(),
  appointment: appointmentSchema.nullable(),
  issuedAt: z.number().int(),
  calledAt: z.number().int().nullable(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  windowNo: z.number().int().nullable(),
  clerk: z.string().nullable(),
  recalls: z.number().int(),
  suspendKind: z.enum(suspendKinds).nullable(),
  suspendedMs: z.number().int(),
  parentId: z.string().nullable(),
  targetWindowNo: z.number().int().nullable(),
  targetClerk: z.string().nullable(),
  caseNos: z.array(z.string()),
  /** 为什么是这一号: the rule that chose this ticket at its last call. */
  callReason: z.string().nullable(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const categorySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  prefix: z.string().regex(/^[A-Z]$/, '字母前缀为一个大写字母'),
  name: z.string().min(1).max(30),
});
export type Category = z.infer<typeof categorySchema>;

export const windowStateSchema = z.object({
  windowNo: z.number().int(),
  clerk: z.string().nullable(),
  categories: z.array(z.string()),
  paused: z.boolean(),
  pauseReason: z.string().nullable(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const waitingGroupSchema = z.object({
  category: categorySchema,
  count: z.number().int(),
  tickets: z.array(ticketSchema),
});

export const connectionSchema = z.object({
  mode: z.enum(['embedded', 'remote']),
  state: z.enum(['connected', 'offline']),
  hallUrl: z.string(),
  message: z.string(),
});
export type QueueConnection = z.infer<typeof connectionSchema>;

/** What a window sees: itself, its ticket, its suspended tickets, who waits for it. */
export const windowStatusSchema = z.object({
  window: windowStateSchema,
  current: ticketSchema.nullable(),
  suspended: z.array(ticketSchema),
  waiting: z.array(waitingGroupSchema),
});
export type WindowStatus = z.infer<typeof windowStatusSchema>;

export const queueStatusSchema = windowStatusSchema.extend({ connection: connectionSchema });
export type QueueStatus = z.infer<typeof queueStatusSchema>;

export const boardCallSchema = z.object({
  seq: z.number().int(),
  label: z.string(),
  windowNo: z.number().int(),
  at: z.number().int(),
  recall: z.boolean(),
});
/** What the hall display shows. */
export const boardSchema = z.object({
  hallName: z.string(),
  windows: z.array(z.object({ windowNo: z.number().int(), paused: z.boolean(), current: boardCallSchema.nullable() })),
  recent: z.array(boardCallSchema),
  waiting: z.array(z.object({ category: categorySchema, count: z.number().int() })),
  categories: z.array(categorySchema),
  priorityGroups: z.array(z.string()),
});
export type Board = z.infer<typeof boardSchema>;

export const issuedSchema = z.object({ ticket: ticketSchema, peopleAhead: z.number().int(), hallName: z.string() });
export type Issued = z.infer<typeof issuedSchema>;

export const ticketStatsSchema = z.object({
  label: z.string(),
  state: z.enum(ticketStates),
  waitMs: z.number().nullable(),
  walkMs: z.number().nullable(),
  serviceMs: z.number().nullable(),
  suspendedMs: z.number(),
});
export const windowStatsSchema = z.object({ windowNo: z.number().int(), served: z.number().int(), idleWhileWaitingMs: z.number() });
export const statsSchema = z.object({ day: z.string(), tickets: z.array(ticketStatsSchema), windows: z.array(windowStatsSchema) });
export type QueueStats = z.infer<typeof statsSchema>;

const mutation = { requestId: requestIdSchema.optional() };
const empty = z.object({}).strict();
const pauseReasons = ['用餐', '会议', '临时离开', '设备故障', '其他'] as const;

// --- the clerk client's contract ---------------------------------------------------------------

export const queueMethods = {
  'queue.status': method({ summary: '本窗口叫号状态', input: empty, output: queueStatusSchema }),
  'queue.callNext': method({ summary: '叫下一位', input: z.object(mutation).strict(), output: queueStatusSchema }),
  'queue.recall': method({ summary: '重呼', input: z.object(mutation).strict(), output: queueStatusSchema }),
  'queue.noShow': method({
    summary: '过号',
    input: z.object({ ...mutation, requeue: z.boolean().default(false) }).strict(),
    output: queueStatusSchema,
  }),
  'queue.start': method({ summary: '开始办理', input: z.object(mutation).strict(), output: queueStatusSchema }),
  'queue.finish': method({
    summary: '办结并关联办件编号',
    input: z.object({ ...mutation, caseNos: z.array(z.string().min(1).max(64)).max(50).default([]) }).strict(),
    output: queueStatusSchema,
  }),
  'queue.transfer': method({
    summary: '转移（业务类别、窗口或人员，保留原号）',
    input: z
      .object({
        ...mutation,
        toCategoryId: z.string().max(32).optional(),
        toWindowNo: z.number().int().min(1).max(999).optional(),
        toClerk: z.string().max(30).optional(),
      })
      .strict(),
    output: queueStatusSchema,
  }),
  'queue.suspend': method({ summary: '挂起', input: z.object({ ...mutation, kind: z.enum(suspendKinds) }).strict(), output: queueStatusSchema }),
  'queue.resume': method({ summary: '恢复挂起的号', input: z.object({ ...mutation, ticketId: z.string().max(64) }).strict(), output: queueStatusSchema }),
  'queue.pauseWindow': method({ summary: '暂停服务', input: z.object({ ...mutation, reason: z.enum(pauseReasons) }).strict(), output: queueStatusSchema }),
  'queue.resumeWindow': method({ summary: '恢复服务', input: z.object(mutation).strict(), output: queueStatusSchema }),
  'queue.takeOverWindow': method({
    summary: '值班长强制接管本窗口（原登录人员未退出时）',
    input: empty,
    output: queueStatusSchema,
  }),
  'queue.hallInfo': method({
    summary: '取号机与叫号屏地址',
    input: empty,
    output: z.object({ mode: z.enum(['embedded', 'remote']), url: z.string(), kioskUrl: z.string(), displayUrl: z.string() }),
  }),
};

export const queueEvents = {
  /** Something in the hall changed; re-read `queue.status`. */
  'queue.changed': z.object({ seq: z.number().int() }),
  /** A ticket was called at this window: the case workspace opens a draft from its appointment. */
  'queue.ticketCalled': z.object({ ticket: ticketSchema, recall: z.boolean() }),
  'queue.connection': connectionSchema,
};

export { pauseReasons };

// --- the hall service's own API (HTTP + WebSocket, hall key) ----------------------------------

const at = { windowNo: z.number().int().min(1).max(999), clerk: z.string().max(30) };

export const hallOps = {
  'hall.board': { input: empty, output: boardSchema },
  'hall.issue': {
    input: z.object({ requestId: requestIdSchema, categoryId: z.string().max(32), priorityGroup: z.string().max(10).nullable().default(null) }).strict(),
    output: issuedSchema,
  },
  'hall.checkIn': {
    input: z
      .object({ requestId: requestIdSchema, code: z.string().max(32).optional(), idNo: z.string().max(18).optional() })
      .strict()
      .refine((v) => v.code !== undefined || v.idNo !== undefined, '请输入预约码或刷身份证'),
    output: issuedSchema,
  },
  'hall.addAppointment': {
    input: appointmentSchema.extend({ categoryId: z.string().max(32) }).strict(),
    output: z.object({ code: z.string() }),
  },
  'hall.signIn': {
    input: z.object({ ...at, categories: z.array(z.string().max(32)).min(1).max(20), force: z.boolean().default(false) }).strict(),
    output: windowStatusSchema,
  },
  'hall.window': { input: z.object(at).strict(), output: windowStatusSchema },
  'hall.callNext': { input: z.object({ ...at, requestId: requestIdSchema }).strict(), output: windowStatusSchema },
  'hall.recall': { input: z.object({ ...at, requestId: requestIdSchema }).strict(), output: windowStatusSchema },
  'hall.noShow': { input: z.object({ ...at, requestId: requestIdSchema, requeue: z.boolean().default(false) }).strict(), output: windowStatusSchema },
  'hall.start': { input: z.object({ ...at, requestId: requestIdSchema }).strict(), output: windowStatusSchema },
  'hall.finish': { input: z.object({ ...at, requestId: requestIdSchema, caseNos: z.array(z.string().min(1).max(64)).max(50) }).strict(), output: windowStatusSchema },
  'hall.transfer': {
    input: z
      .object({
        ...at,
        requestId: requestIdSchema,
        toCategoryId: z.string().max(32).optional(),
        toWindowNo: z.number().int().min(1).max(999).optional(),
        toClerk: z.string().max(30).optional(),
      })
      .strict(),
    output: windowStatusSchema,
  },
  'hall.suspend': { input: z.object({ ...at, requestId: requestIdSchema, kind: z.enum(suspendKinds) }).strict(), output: windowStatusSchema },
  'hall.resume': { input: z.object({ ...at, requestId: requestIdSchema, ticketId: z.string().max(64) }).strict(), output: windowStatusSchema },
  'hall.cancel': { input: z.object({ ...at, requestId: requestIdSchema, ticketId: z.string().max(64) }).strict(), output: windowStatusSchema },
  'hall.pause': { input: z.object({ ...at, requestId: requestIdSchema, reason: z.enum(pauseReasons) }).strict(), output: windowStatusSchema },
  'hall.unpause': { input: z.object({ ...at, requestId: requestIdSchema }).strict(), output: windowStatusSchema },
  'hall.stats': { input: empty, output: statsSchema },
} as const;

export type HallOpName = keyof typeof hallOps;
export type HallInput<K extends HallOpName> = z.input<(typeof hallOps)[K]['input']>;
export type HallParsed<K extends HallOpName> = z.output<(typeof hallOps)[K]['input']>;
export type HallOutput<K extends HallOpName> = z.output<(typeof hallOps)[K]['output']>;
export const isHallOp = (name: string): name is HallOpName => Object.hasOwn(hallOps, name);

/** Events the hall service pushes over its WebSocket to clients, kiosks and displays. */
export const hallEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('changed'), seq: z.number().int() }),
  z.object({ event: z.literal('called'), seq: z.number().int(), ticket: ticketSchema, recall: z.boolean() }),
]);
export type HallEvent = z.infer<typeof hallEventSchema>;

/** The client's queue settings (in settings.ts). */
export const queueSettingsSchema = z.object({
  mode: z.enum(['embedded', 'remote']).default('embedded'),
  /** Remote hall service, e.g. http://192.168.1.10:8470. */
  remoteUrl: z.string().max(200).default(''),
  hallKey: z.string().max(128).default(''),
  /** Category ids this window serves. */
  categories: z.array(z.string().max(32)).max(20).default(['general']),
  /** Port of the embedded hall service (0 = any free port, reachable from this machine only). */
  embeddedPort: z.number().int().min(0).max(65535).default(0),
});
export type QueueSettings = z.infer<typeof queueSettingsSchema>;

/** A change to some of them: no defaults here, or a patch of one field would reset the others. */
export const queueSettingsPatchSchema = z
  .object({
    mode: z.enum(['embedded', 'remote']),
    remoteUrl: z.string().max(200),
    hallKey: z.string().max(128),
    categories: z.array(z.string().max(32)).max(20),
    embeddedPort: z.number().int().min(0).max(65535),
  })
  .partial()
  .strict();
