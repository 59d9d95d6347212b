import type { z } from '../../../shared/contract/zod';
import type { DB } from '../db/connection';
import { stmt } from '../db/statements';
import { errorReplySchema, registerReplySchema, tokenReplySchema } from './protocol';

/** Why a request to the platform failed; `retryable` decides between backoff and a visible problem. */
export class SyncError extends Error {
  constructor(
    readonly code: 'NETWORK' | 'TIMEOUT' | 'HTTP' | 'MALFORMED_REPLY' | 'UNAUTHORIZED' | 'SEQ_GAP' | 'LOCAL',
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface Identity {
  centralUrl: string;
  hallCode: string;
  windowNo: number;
  hallName: string;
}

interface ClientRow {
  central_url: string;
  client_id: string;
  client_secret: string;
  access_token: string | null;
}

export interface Reply<T> {
  status: number;
  body: T;
}

/**
 * HTTP to the platform: registration, the access token (refreshed on 401 with the long-lived
 * client secret, so an expired token during a long outage costs one extra request), schema
 * validation of every reply, and the clock offset measured from each reply's `serverTime`.
 */
export class PlatformClient {
  clockOffsetMs: number | null = null;

  constructor(
    private readonly db: DB,
    private readonly identity: () => Identity,
    private readonly options: { timeoutMs: number; now: () => number; onMalformed: (info: Record<string, unknown>) => void; stop?: AbortSignal },
  ) {}

  private row(): ClientRow | undefined {
    return stmt(this.db, 'SELECT central_url, client_id, client_secret, access_token FROM sync_client WHERE id = 1').get() as ClientRow | undefined;
  }

  get baseUrl(): string {
    return this.identity().centralUrl.replace(/\/+$/, '');
  }

  clientId(): string | null {
    const row = this.row();
    return row && row.central_url === this.baseUrl ? row.client_id : null;
  }

  /** Registers once per platform address; a new address is a new platform, so a new identity. */
  async ensureRegistered(): Promise<string> {
    const existing = this.clientId();
    if (existing) return existing;
    const id = this.identity();
    const r = await this.raw('POST', '/clients/register', { json: { hallCode: id.hallCode, windowNo: id.windowNo, hallName: id.hallName } }, registerReplySchema, [201]);
    this.db
      .prepare(
        `INSERT INTO sync_client (id, central_url, client_id, client_secret, registered_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET central_url = excluded.central_url, client_id = excluded.client_id, client_secret = excluded.client_secret,
           access_token = NULL, registered_at = excluded.registered_at`,
      )
      .run(this.baseUrl, r.body.clientId, r.body.clientSecret, r.body.serverTime);
    // A new platform knows none of our cursors.
    this.db.prepare('DELETE FROM sync_cursors').run();
    this.db.prepare('DELETE FROM sync_blobs_sent').run();
    return r.body.clientId;
  }

  private async refreshToken(): Promise<string> {
    const row = this.row()!;
    const r = await this.raw('POST', '/auth/token', { json: { clientId: row.client_id, clientSecret: row.client_secret } }, tokenReplySchema, [200]);
    this.db.prepare('UPDATE sync_client SET access_token = ? WHERE id = 1').run(r.body.accessToken);
    return r.body.accessToken;
  }

  /** An authorised request; `accept` lists the statuses whose body `schema` describes. */
  async call<S extends z.ZodType>(method: string, path: string, body: { json?: unknown; bytes?: Buffer }, schema: S, accept: number[]): Promise<Reply<z.output<S>>> {
    await this.ensureRegistered();
    let token = this.row()!.access_token ?? (await this.refreshToken());
    try {
      return await this.raw(method, path, body, schema, accept, token);
    } catch (error) {
      if (!(error instanceof SyncError && error.code === 'UNAUTHORIZED')) throw error;
      token = await this.refreshToken();
      return await this.raw(method, path, body, schema, accept, token);
    }
  }

  async raw<S extends z.ZodType>(method: string, path: string, body: { json?: unknown; bytes?: Buffer }, schema: S, accept: number[], token?: string): Promise<Reply<z.output<S>>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (body.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body.bytes) {
      headers['content-type'] = 'application/octet-stream';
      payload = new Uint8Array(body.bytes);
    }
    const sentAt = this.options.now();
    let res: Response;
    let text: string;
    // One controller per request, detached afterwards: listeners must not pile up on the stop signal.
    const abort = new AbortController();
    const onStop = () => abort.abort();
    const timer = setTimeout(() => abort.abort(new DOMException('timeout', 'TimeoutError')), this.options.timeoutMs);
    this.options.stop?.addEventListener('abort', onStop, { once: true });
    try {
      res = await fetch(this.baseUrl + path, { method, headers, body: payload, signal: abort.signal });
      text = await res.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError') throw new SyncError('TIMEOUT', '连接平台超时');
      throw new SyncError('NETWORK', '无法连接平台');
    } finally {
      clearTimeout(timer);
      this.options.stop?.removeEventListener('abort', onStop);
    }
    const receivedAt = this.options.now();
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = undefined;
    }
    this.noteServerTime(json, sentAt, receivedAt);
    if (res.status === 401 && !accept.includes(401)) throw new SyncError('UNAUTHORIZED', '平台令牌已过期', 401);
    if (res.status === 429 || res.status >= 500) {
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new SyncError('HTTP', res.status === 429 ? '平台繁忙，稍后重试' : `平台暂时不可用（${res.status}）`, res.status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
    }
    if (!accept.includes(res.status)) {
      const err = errorReplySchema.safeParse(json);
      throw new SyncError('HTTP', `平台拒绝了请求（${res.status}${err.success ? ' ' + err.data.code : ''}）`, res.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      // Only where the reply went wrong, never its content: it may carry personal data.
      this.options.onMalformed({ method, path, status: res.status, issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}:${i.code}`) });
      throw new SyncError('MALFORMED_REPLY', '平台的回复格式不正确', res.status);
    }
    return { status: res.status, body: parsed.data };
  }

  private noteServerTime(json: unknown, sentAt: number, receivedAt: number) {
    const t = (json as { serverTime?: unknown } | null)?.serverTime;
    if (typeof t !== 'string') return;
    const server = Date.parse(t);
    if (Number.isFinite(server)) this.clockOffsetMs = Math.round(server - (sentAt + receivedAt) / 2);
  }
}
