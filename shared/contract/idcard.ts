import type { IdCard } from '../domain/idcard/card';
import { method } from './define';
import { z } from './zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The typed card of shared/domain/idcard/card.ts, as it crosses the contract. */
export const idCardSchema = z.object({
  cardType: z.enum(['resident', 'hkMacaoTaiwan', 'foreigner2017', 'foreigner2023']),
  name: z.string(),
  englishName: z.string().nullable(),
  gender: z.string(),
  genderCode: z.string(),
  nation: z.string().nullable(),
  nationCode: z.string().nullable(),
  nationality: z.string().nullable(),
  birthDate: date,
  address: z.string().nullable(),
  newestAddress: z.string().nullable(),
  idNumber: z.string(),
  issuer: z.string().nullable(),
  validFrom: date,
  validTo: date.nullable(),
  longTerm: z.boolean(),
  passNumber: z.string().nullable(),
  issueCount: z.number().int().nullable(),
  renewalCount: z.number().int().nullable(),
  previousNumberLink: z.string().nullable(),
  photoWlt: z.string().nullable(),
  warnings: z.array(z.string()),
});
// The schema and the domain type must describe the same object.
type _SameShape = [IdCard extends z.infer<typeof idCardSchema> ? true : never, z.infer<typeof idCardSchema> extends IdCard ? true : never];
export const _sameShape: _SameShape = [true, true];

export const idcardReaderStateSchema = z.enum(['disconnected', 'ready', 'reading', 'fault']);

export const idcardStatusSchema = z.object({
  driver: z.enum(['none', 'samSerial', 'vendorLibrary', 'simulator']),
  state: idcardReaderStateSchema,
  /** Why the reader is not ready, in Chinese. */
  message: z.string().optional(),
  port: z.string().optional(),
  /** A photo decoder is configured and loaded. */
  photoDecoder: z.boolean(),
});
export type IdcardStatus = z.infer<typeof idcardStatusSchema>;

export const cardReadSchema = idCardSchema.extend({
  /** PNG data URL of the decoded photo; absent without a licensed decoder. */
  photoDataUrl: z.string().optional(),
  /** When the read finished (ISO 8601). */
  readAt: z.string(),
});
export type CardReadPayload = z.infer<typeof cardReadSchema>;

export const idcardMethods = {
  'idcard.status': method({ summary: '读卡器状态', input: z.object({}).strict(), output: idcardStatusSchema }),
  'idcard.listPorts': method({
    summary: '列出本机串口',
    input: z.object({}).strict(),
    output: z.object({ ports: z.array(z.object({ path: z.string(), description: z.string() })), note: z.string().optional() }),
  }),
  'idcard.readOnce': method({ summary: '立即读一次证件', input: z.object({}).strict(), output: cardReadSchema }),
  'idcard.simulator.fixtures': method({
    summary: '模拟证件列表',
    input: z.object({}).strict(),
    output: z.object({ fixtures: z.array(z.object({ id: z.string(), label: z.string(), cardType: idCardSchema.shape.cardType })), placed: z.string().nullable() }),
  }),
  'idcard.simulator.place': method({ summary: '在模拟读卡器上放置证件', input: z.object({ cardId: z.string().max(40) }).strict(), output: z.object({ placed: z.string().nullable() }) }),
  'idcard.simulator.remove': method({ summary: '从模拟读卡器上取走证件', input: z.object({}).strict(), output: z.object({ placed: z.string().nullable() }) }),
};

export const idcardEvents = {
  'idcard.cardRead': cardReadSchema,
  'idcard.state': idcardStatusSchema,
};
