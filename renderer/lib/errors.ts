import { AppError } from '../../shared/contract/errors';

/** The Chinese sentence to show for any failure, never a stack trace. */
export function describeFailure(error: unknown): { message: string; hint?: string } {
  if (error instanceof AppError) return error.hint ? { message: error.message, hint: error.hint } : { message: error.message };
  return { message: '操作没有完成。', hint: '请重试；如果仍然出错，请联系信息科。' };
}
