import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError, type Envelope, type ErrorPayload } from '../../shared/contract/errors';
import type { AppServices } from '../services/app';
import { contentSecurityPolicy } from '../services/web/csp';
import { resolveStatic, sendFile } from '../services/web/static-files';
import { hostAllowed, newLaunchToken, originAllowed, tokenMatches } from './security';

export interface BrowserHostOptions {
  services: AppServices;
  /** Built renderer (build/dist/renderer); without it only the API is served. */
  staticDir?: string;
  /** 127.0.0.1 unless the hall explicitly opens it to the LAN. */
  bindAddress?: string;
  port?: number;
  token?: string;
  /** Extra Host names accepted besides 127.0.0.1:port and localhost:port. */
  extraHosts?: string[];
  maxBodyBytes?: number;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  /** The address to open: the page with the token in its fragment (never sent to the server). */
  pageUrl(page?: 'clerk' | 'customer' | 'kiosk' | 'display'): string;
  close(): Promise<void>;
}

const WS_PROTOCOL = 'hall-events';

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { services } = options;
  const token = options.token ?? newLaunchToken();
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const bindAddress = options.bindAddress ?? '127.0.0.1';
  let allowedHosts: string[] = [];

  const fail = (res: ServerResponse, status: number, error: ErrorPayload) => {
    const body: Envelope<never> = { ok: false, error };
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      services.log.error('browser host request failed', { path: req.url?.split('?')[0], error: String((error as Error)?.name) });
      if (!res.headersSent) fail(res, 500, { code: 'INTERNAL', message: '本机服务出错，请重试。' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!hostAllowed(req.headers.host, allowedHosts)) {
      fail(res, 421, { code: 'FORBIDDEN', message: '请求的主机名不被本机服务接受。', hint: '请用启动时给出的地址打开综合窗口。' });
      return;
    }
    if (!originAllowed(req.headers.origin, allowedHosts)) {
      fail(res, 403, { code: 'FORBIDDEN', message: '拒绝来自其他网页的请求。' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url.pathname.slice('/api/'.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      fail(res, 405, { code: 'FORBIDDEN', message: '不支持的请求方式。' });
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(302, { Location: '/clerk/' });
      res.end();
      return;
    }
    const file = options.staticDir ? resolveStatic(options.staticDir, url.pathname) : null;
    if (!file) {
      fail(res, 404, { code: 'NOT_FOUND', message: '页面不存在。' });
      return;
    }
    sendFile(res, file, { 'Content-Security-Policy': contentSecurityPolicy(url.pathname) });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      fail(res, 405, { code: 'FORBIDDEN', message: '接口只接受 POST 请求。' });
      return;
    }
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    if (!tokenMatches(token, given)) {
      fail(res, 401, { code: 'UNAUTHORIZED', message: '本机服务的访问凭据无效。', hint: '请关闭此页面，重新启动综合窗口。' });
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      fail(res, 415, { code: 'INVALID_INPUT', message: '请求格式不正确（需要 JSON）。' });
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof AppError) {
        fail(res, 413, error.toPayload());
        req.resume();
        return;
      }
      throw error;
    }
    let input: unknown;
    try {
      input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch {
      fail(res, 400, { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON。', hint: '请刷新页面后重试。' });
      return;
    }
    const requestId = req.headers['x-request-id'];
    const envelope = await services.dispatch(method, input, {
      via: 'http',
      ...(typeof requestId === 'string' ? { requestId } : {}),
    });
    const status = envelope.ok ? 200 : statusFor(envelope.error.code);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(envelope));
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
    // Browsers cannot set headers on a WebSocket; the token travels as the second subprotocol.
    const given = offered.find((p) => p !== WS_PROTOCOL);
    if (
      url.pathname !== '/events' ||
      !hostAllowed(req.headers.host, allowedHosts) ||
      !originAllowed(req.headers.origin, allowedHosts) ||
      !offered.includes(WS_PROTOCOL) ||
      !tokenMatches(token, given)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      // The socket is one-way; anything the page sends is ignored.
    });
  });
  const unsubscribe = services.events.subscribe((name, payload) => {
    const frame = JSON.stringify({ event: name, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindAddress, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`, ...(options.extraHosts ?? []).map((h) => h.toLowerCase())];
  const base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    port,
    token,
    pageUrl: (page = 'clerk') => `${base}/${page}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    const tooLarge = () => new AppError('TOO_LARGE', '提交的内容过大，本机服务拒绝接收。', { hint: '请分批提交，或缩小扫描件后重试。' });
    if (declared > limit) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function statusFor(code: ErrorPayload['code']): number {
  switch (code) {
    case 'INVALID_INPUT':
      return 400;
    case 'UNKNOWN_METHOD':
    case 'NOT_FOUND':
      return 404;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'CONFLICT':
    case 'RULE_VIOLATION':
      return 409;
    case 'TOO_LARGE':
      return 413;
    default:
      return 500;
  }
}
