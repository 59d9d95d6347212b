import { signaturePurposeSchema } from './customer';
import { method } from './define';
import { z } from './zod';

export const followUpSchema = z.object({
  id: z.string(),
  ratingId: z.string(),
  caseNo: z.string(),
  windowNo: z.number(),
  /** Login of the clerk who served; `clerkName` is what people read. */
  clerk: z.string(),
  clerkName: z.string(),
  grade: z.number(),
  optionCodes: z.array(z.string()),
  comment: z.string(),
  openedAt: z.string(),
  state: z.enum(['open', 'closed']),
  closedBy: z.string().nullable(),
  note: z.string(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const ratingsMethods = {
  /** 值班长: the 差评 follow-ups (整改回访) of this window. */
  'ratings.followUps': method({
    summary: '差评回访清单',
    input: z.object({ state: z.enum(['open', 'closed', 'all']).default('open') }).strict(),
    output: z.array(followUpSchema),
  }),
  'ratings.closeFollowUp': method({
    summary: '办结差评回访',
    input: z.object({ id: z.string().min(1).max(64), note: z.string().trim().min(1, '请填写回访与整改情况').max(500) }).strict(),
    output: followUpSchema,
  }),
  /** For document templates: the applicant's signature as a PNG data URL. */
  'signatures.get': method({
    summary: '读取申请人签名',
    input: z.object({ caseId: z.string().min(1).max(64), purpose: signaturePurposeSchema }).strict(),
    output: z.object({ dataUrl: z.string(), signedAt: z.string(), clerk: z.string() }).nullable(),
  }),
};

export const ratingsEvents = {
  'ratings.followUpOpened': followUpSchema,
};
