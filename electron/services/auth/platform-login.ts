import { type Account, accountSchema } from '../../../shared/contract/auth';
import { z } from '../../../shared/contract/zod';

export type PlatformLoginResult =
  | { kind: 'ok'; account: Account; serverTime: string }
  | { kind: 'refused'; code: 'BAD_CREDENTIALS' | 'LOCKED' | 'DISABLED'; message: string }
  /** The platform could not be asked (no address, network down, timeout, garbled reply). */
  | { kind: 'unreachable'; reason: string };

const okSchema = z.object({ account: accountSchema, serverTime: z.string() });
const refusedSchema = z.object({ code: z.enum(['BAD_CREDENTIALS', 'LOCKED', 'DISABLED']), message: z.string() });

/** `POST {centralUrl}/auth/clerk-login`: the platform's account dataset is the authority. */
export async function platformLogin(centralUrl: string, login: string, password: string, timeoutMs = 8000): Promise<PlatformLoginResult> {
  if (!centralUrl) return { kind: 'unreachable', reason: 'no-address' };
  let res: Response;
  try {
    res = await fetch(new URL('auth/clerk-login', centralUrl.endsWith('/') ? centralUrl : `${centralUrl}/`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { kind: 'unreachable', reason: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { kind: 'unreachable', reason: 'bad-reply' };
  }
  if (res.status === 200) {
    const ok = okSchema.safeParse(body);
    return ok.success ? { kind: 'ok', ...ok.data } : { kind: 'unreachable', reason: 'bad-reply' };
  }
  if (res.status === 401) {
    const refused = refusedSchema.safeParse(body);
    if (refused.success) return { kind: 'refused', ...refused.data };
  }
  return { kind: 'unreachable', reason: `http-${res.status}` };
}
