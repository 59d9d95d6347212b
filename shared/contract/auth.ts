import { method } from './define';
import { z } from './zod';

/** 窗口人员 / 值班长 / 管理员, as the platform names them in its account dataset. */
export const roleSchema = z.enum(['clerk', 'supervisor', 'admin']);
export type Role = z.infer<typeof roleSchema>;
export const roleLabels: Record<Role, string> = { clerk: '窗口人员', supervisor: '值班长', admin: '管理员' };

export const accountSchema = z.object({
  login: z.string(),
  name: z.string(),
  role: roleSchema,
  windowNos: z.array(z.number().int()),
});
export type Account = z.infer<typeof accountSchema>;

export const sessionSchema = z.object({
  account: accountSchema.nullable(),
  /** How the password was checked: against the platform, or the local verifier. */
  mode: z.enum(['online', 'offline']).nullable(),
  locked: z.boolean(),
  hasPin: z.boolean(),
  /** Offline sign-in on this machine stays possible until (ISO 8601). */
  offlineUntil: z.string().nullable(),
  idleLockMinutes: z.number(),
});
export type Session = z.infer<typeof sessionSchema>;

const login = z.string().trim().min(1, '请填写账号').max(64);
const password = z.string().min(1, '请填写密码').max(200);
export const pinSchema = z.string().regex(/^\d{4,6}$/, 'PIN 为 4–6 位数字');

export const authMethods = {
  'auth.session': method({ summary: '当前登录的人员', input: z.object({}).strict(), output: sessionSchema }),
  'auth.signIn': method({ summary: '人员登录', input: z.object({ login, password }).strict(), output: sessionSchema }),
  'auth.signOut': method({ summary: '人员退出', input: z.object({}).strict(), output: sessionSchema }),
  'auth.lock': method({ summary: '锁定屏幕', input: z.object({}).strict(), output: sessionSchema }),
  'auth.unlock': method({
    summary: '解锁屏幕',
    input: z.union([z.object({ password }).strict(), z.object({ pin: pinSchema }).strict()]),
    output: sessionSchema,
  }),
  'auth.setPin': method({ summary: '设置解锁 PIN', input: z.object({ pin: pinSchema }).strict(), output: sessionSchema }),
  'auth.recordUnmask': method({
    summary: '查看完整证件号码',
    input: z.object({ target: z.string().min(1).max(100), reason: z.string().trim().min(1, '请说明查看完整号码的原因').max(200) }).strict(),
    output: z.object({ recorded: z.literal(true) }),
  }),
};

export const authEvents = {
  'auth.changed': sessionSchema,
};
