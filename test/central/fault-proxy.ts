import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'pass' | 'drop' | 'resetMidRequest' | 'resetMidBody' | 'forwardThenDrop' | 'delay' | 's500' | 's503' | 's429' | 's401' | 'timeout' | 'malformed';
export const allFaults: readonly Fault[] = ['pass', 'drop', 'resetMidRequest', 'resetMidBody', 'forwardThenDrop', 'delay', 's500', 's503', 's429', 's401', 'timeout', 'malformed'];

export interface FaultProxy {
  readonly url: string;
  /** Faults for the next requests, one each, in order; afterwards everything passes. */
  schedule(faults: Fault[]): void;
  readonly remaining: number;
  /** Requests per fault actually injected. */
  readonly injected: Record<string, number>;
  close(): Promise<void>;
}

const readAll = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * An HTTP proxy between client and platform that breaks requests on a schedule: connections
 * dropped before or after the platform saw the request, bodies cut mid-way, delays, 5xx/429/401,
 * hangs past the client's timeout, and replies that are valid JSON of the wrong shape.
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  let queue: Fault[] = [];
  const injected: Record<string, number> = {};
  const forward = (req: IncomingMessage, body: Buffer, cut?: number) =>
    new Promise<{ status: number; headers: Record<string, string>; body: Buffer } | null>((resolve) => {
      const u = new URL(req.url ?? '/', upstream);
      const out = request(u, { method: req.method, headers: { ...req.headers, host: u.host, 'content-length': String(body.length) } }, async (res) => {
        const b = await readAll(res).catch(() => Buffer.alloc(0));
        resolve({ status: res.statusCode ?? 502, headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') }, body: b });
      });
      out.on('error', () => resolve(null));
      if (cut !== undefined) {
        out.write(body.subarray(0, cut));
        setTimeout(() => (out.destroy(), resolve(null)), 5);
      } else out.end(body);
    });
  const server: Server = createServer(async (req, res) => {
    const fault = queue.shift() ?? 'pass';
    injected[fault] = (injected[fault] ?? 0) + 1;
    const body = await readAll(req).catch(() => Buffer.alloc(0));
    const reply = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'application/json', 'retry-after': status === 429 ? '0' : '' }).end(text);
    };
    switch (fault) {
      case 'drop':
        return void req.socket.destroy();
      case 'resetMidRequest':
        await forward(req, body, Math.floor(body.length / 2));
        return void req.socket.destroy();
      case 's500':
      case 's503':
      case 's429':
      case 's401':
        return reply(Number(fault.slice(1)), JSON.stringify({ code: 'FAULT', message: '注入的故障' }));
      case 'timeout':
        return void setTimeout(() => req.socket.destroy(), 1500);
      case 'delay':
        await new Promise((r) => setTimeout(r, 30));
        break;
      default:
        break;
    }
    const r = await forward(req, body);
    if (!r) return void req.socket.destroy();
    if (fault === 'forwardThenDrop') return void req.socket.destroy();
    if (fault === 'malformed') return reply(200, JSON.stringify({ lastSeq: 'many', results: 'none', serverTime: 'soon' }));
    if (fault === 'resetMidBody') {
      res.writeHead(r.status, { ...r.headers, 'content-length': String(r.body.length) });
      res.write(r.body.subarray(0, Math.floor(r.body.length / 2)));
      return void setTimeout(() => req.socket.destroy(), 5);
    }
    res.writeHead(r.status, r.headers).end(r.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    schedule: (faults) => (queue = [...faults]),
    get remaining() {
      return queue.length;
    },
    injected,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
