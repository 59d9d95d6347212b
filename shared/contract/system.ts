import { method } from './define';
import { z } from './zod';

export const hostKindSchema = z.enum(['electron', 'browser']);

export const systemInfoSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  host: hostKindSchema,
  dataDir: z.string(),
  /** Client time when the answer was made (ISO 8601), for clock-drift display. */
  now: z.string(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

export const systemMethods = {
  'system.ping': method({
    summary: '连通性检查',
    input: z.object({ nonce: z.string().max(64).optional() }).strict(),
    output: z.object({ pong: z.literal(true), nonce: z.string().optional() }),
  }),
  'system.info': method({
    summary: '客户端版本与数据目录',
    input: z.object({}).strict(),
    output: systemInfoSchema,
  }),
};

export const systemEvents = {
  /** A problem the clerk must see even though no call of theirs failed (disk full during autosave …). */
  'system.notice': z.object({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    hint: z.string().optional(),
  }),
};
