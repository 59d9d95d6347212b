import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { access, open, rename } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  clerkLoginRequestSchema,
  datasetSchema,
  pushRequestSchema,
  registerRequestSchema,
  sha256Schema,
  tokenRequestSchema,
} from '../../electron/services/sync/protocol';
import { stmt } from '../../electron/services/db/statements';
import { applyOps, blobStored, clerkLogin, indexBlob, openPlatformDb, pullPage, type PlatformDB } from './store';

export interface PlatformOptions {
  dataDir: string;
  port?: number;
  /** false: only the three small test items in the catalogue, not the guides the client ships. */
  shippedGuides?: boolean;
  /** Access-token lifetime; the platform's clock decides expiry, never the client's. */
  tokenTtlMs?: number;
  /** The platform's clock (tests simulate 72 hours). */
  now?: () => number;
  /** Crash-test hooks around the push transaction. */
  hooks?: { beforePushCommit?: () => Promise<void> | void; afterPushCommit?: () => Promise<void> | void };
}

export interface Platform {
  readonly url: string;
  readonly db: PlatformDB;
  readonly blobDir: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 64 * 1024 * 1024;

/**
 * One fsync serving every caller that arrives while another runs: a caller waits for a run that
 * started after it called, so whatever it did before calling is covered.
 */
function groupedSync(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = () => (running = run().finally(() => (running = null)));
  return () => {
    if (!running) return start();
    return (next ??= running.then(
      () => ((next = null), start()),
      () => ((next = null), start()),
    ));
  };
}

/**
 * Makes uploaded blobs durable before they are confirmed: each is written to a temporary name,
 * fsynced and renamed into place (so a file under its hash is always whole), then the folder is
 * fsynced, once for the renames that finished together. Off the event loop, so uploads arriving
 * together write and fsync side by side.
 */
function blobFiles(blobDir: string) {
  const syncDir = groupedSync(async () => {
    if (process.platform === 'win32') return; // a folder cannot be fsynced there; NTFS journals the rename
    const dir = await open(blobDir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  });
  return async (sha: string, bytes: Buffer) => {
    const file = join(blobDir, sha);
    if (await access(file).then(() => true, () => false)) return; // idempotent: already whole
    const tmp = `${file}.${randomUUID()}.tmp`;
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    await syncDir();
  };
}

/** The reference central platform: a real HTTP server with its own SQLite database (README.md beside electron/services/sync). */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openPlatformDb(join(options.dataDir, 'platform.sqlite'), { shippedGuides: options.shippedGuides ?? true });
  const blobDir = join(options.dataDir, 'blobs');
  mkdirSync(blobDir, { recursive: true });
  const storeBlob = blobFiles(blobDir);
  const now = options.now ?? Date.now;
  const ttl = options.tokenTtlMs ?? 60 * 60_000;
  const serverTime = () => new Date(now()).toISOString();

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) reject(new HttpError(413, 'TOO_LARGE', '请求过大'));
        else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
      req.on('aborted', () => reject(new HttpError(400, 'ABORTED', '请求中断')));
    });
  const readJson = async (req: IncomingMessage) => {
    try {
      return JSON.parse((await readBody(req)).toString('utf8')) as unknown;
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(400, 'BAD_JSON', '请求不是有效的 JSON');
    }
  };
  const parse = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: unknown): T => {
    const r = schema.safeParse(v);
    if (!r.success) throw new HttpError(400, 'BAD_REQUEST', '请求格式不正确');
    return r.data;
  };
  const authClient = (req: IncomingMessage): string => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const row = token ? (stmt(db, 'SELECT client_id, expires_at FROM tokens WHERE token = ?').get(token) as { client_id: string; expires_at: number } | undefined) : undefined;
    if (!row || row.expires_at <= now()) throw new HttpError(401, 'TOKEN_EXPIRED', '令牌无效或已过期');
    return row.client_id;
  };

  const routes = async (req: IncomingMessage, url: URL): Promise<[number, unknown]> => {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/health') return [200, { ok: true, serverTime: serverTime() }];
    if (req.method === 'POST' && path === '/clients/register') {
      const r = parse(registerRequestSchema, await readJson(req));
      const clientId = randomUUID();
      const clientSecret = randomBytes(24).toString('base64url');
      stmt(db, 'INSERT INTO clients (client_id, secret, hall_code, window_no, hall_name, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(clientId, clientSecret, r.hallCode, r.windowNo, r.hallName, serverTime());
      return [201, { clientId, clientSecret, serverTime: serverTime() }];
    }
    if (req.method === 'POST' && path === '/auth/token') {
      const r = parse(tokenRequestSchema, await readJson(req));
      const ok = stmt(db, 'SELECT 1 FROM clients WHERE client_id = ? AND secret = ?').get(r.clientId, r.clientSecret);
      if (!ok) throw new HttpError(401, 'UNKNOWN_CLIENT', '客户端未注册或密钥不符');
      const accessToken = randomBytes(24).toString('base64url');
      const expiresAt = now() + ttl;
      stmt(db, 'INSERT INTO tokens (token, client_id, expires_at) VALUES (?, ?, ?)').run(accessToken, r.clientId, expiresAt);
      return [200, { accessToken, expiresAt: new Date(expiresAt).toISOString(), serverTime: serverTime() }];
    }
    if (req.method === 'POST' && path === '/auth/clerk-login') {
      const r = parse(clerkLoginRequestSchema, await readJson(req));
      const result = db.transaction(() => clerkLogin(db, r.login, r.password, now()))();
      if (!result.ok) return [401, { code: result.code, message: result.message }];
      return [200, { account: result.account, serverTime: serverTime() }];
    }
    if (req.method === 'POST' && path === '/sync/push') {
      const clientId = authClient(req);
      const r = parse(pushRequestSchema, await readJson(req));
      if (r.clientId !== clientId) throw new HttpError(403, 'WRONG_CLIENT', '令牌与客户端不符');
      await options.hooks?.beforePushCommit?.();
      const outcome = db.transaction(() => applyOps(db, clientId, r.ops, blobDir)).immediate();
      await options.hooks?.afterPushCommit?.();
      if (outcome.kind === 'gap') return [409, { code: 'SEQ_GAP', lastSeq: outcome.lastSeq, serverTime: serverTime() }];
      return [200, { lastSeq: outcome.lastSeq, results: outcome.results, serverTime: serverTime() }];
    }
    const blob = /^\/blobs\/([^/]+)$/.exec(path);
    if (blob) {
      authClient(req);
      const sha = parse(sha256Schema, blob[1]);
      if (req.method === 'HEAD' || req.method === 'GET') {
        if (!blobStored(db, blobDir, sha)) throw new HttpError(404, 'NOT_FOUND', '附件不存在');
        const row = stmt(db, 'SELECT size FROM blobs WHERE sha256 = ?').get(sha) as { size: number };
        return [200, { sha256: sha, size: row.size, serverTime: serverTime() }];
      }
      if (req.method === 'PUT') {
        const bytes = await readBody(req);
        const actual = createHash('sha256').update(bytes).digest('hex');
        if (actual !== sha) throw new HttpError(422, 'HASH_MISMATCH', '附件内容与其 SHA-256 不符');
        await storeBlob(sha, bytes);
        indexBlob(db, sha, bytes.length, serverTime());
        return [200, { sha256: sha, size: bytes.length, serverTime: serverTime() }];
      }
    }
    if (req.method === 'GET' && path === '/sync/pull') {
      const clientId = authClient(req);
      const dataset = parse(datasetSchema, url.searchParams.get('dataset'));
      const limit = Math.min(5000, Math.max(1, Number(url.searchParams.get('limit') ?? 500) || 500));
      const page = db.transaction(() => pullPage(db, clientId, dataset, url.searchParams.get('cursor'), limit))();
      return [200, { dataset, ...page, serverTime: serverTime() }];
    }
    if (req.method === 'GET' && path === '/elicense/lookup') {
      authClient(req);
      const row = stmt(db, 'SELECT license_id, name FROM elicenses WHERE cert_no = ? AND license_type = ?').get(url.searchParams.get('certNo') ?? '', url.searchParams.get('licenseType') ?? '') as
        | { license_id: string; name: string }
        | undefined;
      return [200, row ? { status: 'found', licenseId: row.license_id, name: row.name, serverTime: serverTime() } : { status: 'notFound', serverTime: serverTime() }];
    }
    throw new HttpError(404, 'NOT_FOUND', '没有这个接口');
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.headersSent || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), date: new Date(now()).toUTCString() });
    res.end(text);
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://platform');
    routes(req, url).then(
      ([status, body]) => send(res, status, body),
      (error: unknown) => {
        if (error instanceof HttpError) send(res, error.status, { code: error.code, message: error.message, serverTime: serverTime() });
        else send(res, 500, { code: 'INTERNAL', message: '平台内部错误', serverTime: serverTime() });
      },
    );
  });
  // Idle connections stay open longer than a client waits between requests (undici keeps one
  // for the hinted timeout less a second). With Node's 5 s default, a client that was busy for a
  // few seconds could reuse a socket just as the platform closed it: a spurious network error
  // (seen in the bench, where a long local transaction sits between two requests).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    blobDir,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}
