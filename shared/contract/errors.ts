import { z } from './zod';

/**
 * Error codes that cross the contract. The code is for programs; `message` is what the clerk
 * reads (Chinese, says what happened) and `hint` what the clerk can do about it.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RULE_VIOLATION',
  'DEVICE',
  'STORAGE_FULL',
  'STORAGE_READONLY',
  'DB_CORRUPT',
  'DB_TOO_NEW',
  'OFFLINE',
  'BAD_REPLY',
  'TIMEOUT',
  'TOO_LARGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorPayloadSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  hint: z.string().optional(),
  /** Name of the domain rule that refused the request, e.g. `case.transition`. */
  rule: z.string().optional(),
  /** Field-level problems for forms: path → Chinese message. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type ErrorPayload = z.infer<typeof errorPayloadSchema>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly rule: string | undefined;
  readonly fields: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { hint?: string; rule?: string; fields?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = extra.hint;
    this.rule = extra.rule;
    this.fields = extra.fields;
  }

  toPayload(): ErrorPayload {
    const p: ErrorPayload = { code: this.code, message: this.message };
    if (this.hint !== undefined) p.hint = this.hint;
    if (this.rule !== undefined) p.rule = this.rule;
    if (this.fields !== undefined) p.fields = this.fields;
    return p;
  }

  static fromPayload(p: ErrorPayload): AppError {
    const extra: { hint?: string; rule?: string; fields?: Record<string, string> } = {};
    if (p.hint !== undefined) extra.hint = p.hint;
    if (p.rule !== undefined) extra.rule = p.rule;
    if (p.fields !== undefined) extra.fields = p.fields;
    return new AppError(p.code, p.message, extra);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** What every transport returns for a call: never a bare exception across a boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export const internalErrorPayload: ErrorPayload = {
  code: 'INTERNAL',
  message: '程序内部出错，本次操作没有完成。',
  hint: '请重试一次；如果仍然出错，请记下时间并联系信息科。已保存的数据不受影响。',
};

/** Turn zod issues into one Chinese sentence plus per-field messages. */
export function invalidInput(issues: readonly z.core.$ZodIssue[]): AppError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '(输入)';
    fields[key] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  const summary = first ? `${first[0] === '(输入)' ? '' : `${first[0]}：`}${first[1]}` : '';
  return new AppError('INVALID_INPUT', `提交的内容不符合要求${summary ? `（${summary}）` : ''}。`, {
    hint: '请检查标出的栏目后再提交。',
    fields,
  });
}
