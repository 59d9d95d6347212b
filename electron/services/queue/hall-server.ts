import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { type Envelope, type ErrorPayload, internalErrorPayload, isAppError } from '../../../shared/contract/errors';
import type { HallEvent } from '../../../shared/contract/queue';
import type { Logger } from '../log';
import { contentSecurityPolicy } from '../web/csp';
import { resolveStatic, sendFile } from '../web/static-files';
import { dispatchHallBatch } from './hall-dispatch';
import type { HallQueue } from './hall-queue';

export const HALL_WS_PROTOCOL = 'hall-queue';
const MAX_BODY = 64 * 1024;

export interface HallServerOptions {
  queue: HallQueue;
  key: string;
  /** Built renderer: serves /kiosk/ and /display/. */
  staticDir?: string;
  port?: number;
  bindAddress?: string;
  log?: Logger;
}

export interface HallServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function keyMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The hall queue service on the LAN: POST /api/<op> (hall key as Bearer), WS /events (hall key as
 * second subprotocol), GET /health, and the kiosk and display pages. See README.md beside this file.
 */
export async function startHallServer(options: HallServerOptions): Promise<HallServer> {
  const { queue, key } = options;
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, error: ErrorPayload) => reply(res, status, { ok: false, error } satisfies Envelope<never>);

  const batcher = groupCommit(queue, (op, e) => options.log?.error('hall op failed', { op, error: String((e as Error)?.message) }));
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) fail(res, 500, { code: 'INTERNAL', message: '叫号服务出错，请重试。' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const url = new URL(req.url ?? '/', 'http://hall.invalid');
    if (url.pathname === '/health') {
      reply(res, 200, { ok: true, hallName: queue.hallConfig.hallName });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return fail(res, 405, { code: 'FORBIDDEN', message: '接口只接受 POST 请求。' });
      const auth = req.headers.authorization;
      if (!keyMatches(key, auth?.startsWith('Bearer ') ? auth.slice(7) : undefined)) {
        return fail(res, 401, { code: 'UNAUTHORIZED', message: '叫号服务的大厅密钥不正确。', hint: '请在设置中核对大厅密钥，或重新打开管理员给出的地址。' });
      }
      let raw: string;
      try {
        raw = await readBody(req);
      } catch {
        return fail(res, 413, { code: 'TOO_LARGE', message: '提交的内容过大。' });
      }
      let input: unknown;
      try {
        input = raw === '' ? {} : JSON.parse(raw);
      } catch {
        return fail(res, 400, { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON。' });
      }
      const envelope = await batcher.run(url.pathname.slice(5), input);
      reply(res, envelope.ok ? 200 : status(envelope.error.code), envelope);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, { code: 'FORBIDDEN', message: '不支持的请求方式。' });
    if (url.pathname === '/') {
      res.writeHead(302, { Location: '/display/' });
      res.end();
      return;
    }
    const file = options.staticDir ? resolveStatic(options.staticDir, url.pathname) : null;
    if (!file || !/^\/(kiosk|display|assets)\//.test(url.pathname)) return fail(res, 404, { code: 'NOT_FOUND', message: '页面不存在。' });
    sendFile(res, file, { 'Content-Security-Policy': contentSecurityPolicy() });
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024, handleProtocols: (p) => (p.has(HALL_WS_PROTOCOL) ? HALL_WS_PROTOCOL : false) });
  // Each display/window socket with the TCP stream under it (kept to cork it, see below).
  const sockets = new Map<WebSocket, Duplex>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://hall.invalid');
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
    if (url.pathname !== '/events' || !offered.includes(HALL_WS_PROTOCOL) || !keyMatches(key, offered.find((p) => p !== HALL_WS_PROTOCOL))) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(ws, socket);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
    });
  });
  // A group commit announces its calls and one "changed" together. Each socket is corked until
  // the end of this tick, so they leave in one write per socket rather than one per frame, and
  // each frame is encoded once for all sockets.
  let corked: Duplex[] | null = null;
  const uncork = () => {
    for (const s of corked ?? []) s.uncork();
    corked = null;
  };
  const unsubscribe = queue.subscribe((n) => {
    const frame = Buffer.from(JSON.stringify(n satisfies HallEvent));
    const open = [...sockets].filter(([ws]) => ws.readyState === ws.OPEN);
    if (!corked) {
      corked = open.map(([, s]) => s);
      for (const s of corked) s.cork();
      process.nextTick(uncork);
    }
    for (const [ws] of open) ws.send(frame, { binary: false });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.bindAddress ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.bindAddress && options.bindAddress !== '0.0.0.0' ? options.bindAddress : '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const ws of sockets.keys()) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Requests that arrive in the same turn of the event loop are applied together in one
 * transaction: under a burst (opening time, a hundred windows) the disk syncs once per batch
 * instead of once per call. Each reply is sent only after the batch committed.
 */
function groupCommit(queue: HallQueue, onInternal: (op: string, e: unknown) => void) {
  let pending: { op: string; input: unknown; resolve: (e: Envelope<unknown>) => void }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    let results: Envelope<unknown>[];
    try {
      results = queue.batch(() => dispatchHallBatch(queue, batch, onInternal));
    } catch (error) {
      const payload = isAppError(error) ? error.toPayload() : internalErrorPayload;
      if (!isAppError(error)) onInternal('batch', error);
      results = batch.map(() => ({ ok: false, error: payload }));
    }
    batch.forEach((p, i) => p.resolve(results[i]!));
  };
  return {
    run(op: string, input: unknown): Promise<Envelope<unknown>> {
      return new Promise((resolve) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ op, input, resolve });
      });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error('too large'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function status(code: ErrorPayload['code']): number {
  switch (code) {
    case 'INVALID_INPUT':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'UNKNOWN_METHOD':
      return 404;
    case 'CONFLICT':
    case 'RULE_VIOLATION':
      return 409;
    default:
      return 500;
  }
}
