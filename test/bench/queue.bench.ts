import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { openDatabase } from '../../electron/services/db/connection';
import { remoteHallClient } from '../../electron/services/queue/hall-client';
import { HALL_WS_PROTOCOL, startHallServer } from '../../electron/services/queue/hall-server';
import { openHallQueue } from '../../electron/services/queue/hall-store';
import { makeTempDir } from '../support/tmp';
import { type BenchModule, percentile, round } from './harness';

const WINDOWS = Number(process.env.QUEUE_BENCH_WINDOWS ?? 100);
const ROUNDS = 10;

/** Resolves when `socket` receives a frame for which `match` is true. */
function waitFrame(socket: WebSocket, match: (data: string) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const on = (data: WebSocket.RawData) => {
      if (!match(String(data))) return;
      socket.off('message', on);
      resolve(performance.now());
    };
    socket.on('message', on);
  });
}

async function openSocket(url: string, protocols: string[]): Promise<WebSocket> {
  const ws = new WebSocket(url, protocols);
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  return ws;
}

/** The hall service: 100 windows calling concurrently over loopback, a display listening. */
async function hallRun(dir: string) {
  const { db, queue, key } = openHallQueue(dir);
  const server = await startHallServer({ queue, key });
  const kiosk = remoteHallClient(server.url, key, { timeoutMs: 60_000 });
  const windows = Array.from({ length: WINDOWS }, (_, i) => ({ c: remoteHallClient(server.url, key, { timeoutMs: 60_000 }), at: { windowNo: i + 1, clerk: `受理员${i + 1}` } }));
  const display = await openSocket(`${server.url.replace('http', 'ws')}/events`, [HALL_WS_PROTOCOL, key]);
  try {
    await Promise.all(windows.map((w) => w.c.call('hall.signIn', { ...w.at, categories: ['general'] })));
    for (let i = 0; i < WINDOWS * ROUNDS; i++) await kiosk.call('hall.issue', { requestId: `bench-issue-${i}`, categoryId: 'general' });
    // Warm the connections (the issuing above outlasts the server's keep-alive) so both runs
    // measure calls, not TCP set-up.
    for (let i = 0; i < 3; i++) await Promise.all(windows.map((w) => w.c.call('hall.window', w.at)));
    const call: number[] = [];
    const shown: number[] = [];
    await Promise.all(
      windows.map(async (w) => {
        for (let n = 0; n < ROUNDS; n++) {
          const t0 = performance.now();
          const seen = waitFrame(display, (d) => d.includes('"event":"called"') && d.includes(`"windowNo":${w.at.windowNo},`));
          await w.c.call('hall.callNext', { ...w.at, requestId: `bench-call-${w.at.windowNo}-${n}` });
          call.push(performance.now() - t0);
          shown.push((await seen) - t0);
          await w.c.call('hall.start', { ...w.at, requestId: `bench-start-${w.at.windowNo}-${n}` });
          await w.c.call('hall.finish', { ...w.at, requestId: `bench-finish-${w.at.windowNo}-${n}`, caseNos: [] });
        }
      }),
    );
    return { call, shown };
  } finally {
    display.close();
    kiosk.close();
    for (const w of windows) w.c.close();
    await server.close();
    db.close();
  }
}

/** Baseline: a bare HTTP handler doing one INSERT (same pragmas) and a WebSocket broadcast. */
async function bareRun(dir: string) {
  const db = openDatabase(join(dir, 'bare.sqlite'));
  db.exec('CREATE TABLE calls (id INTEGER PRIMARY KEY, window_no INTEGER, at INTEGER) STRICT');
  const insert = db.prepare('INSERT INTO calls (window_no, at) VALUES (?, ?)');
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.end('{"ok":true}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { windowNo } = JSON.parse(Buffer.concat(chunks).toString()) as { windowNo: number };
      db.transaction(() => insert.run(windowNo, Date.now())).immediate();
      const frame = JSON.stringify({ event: 'called', ticket: { windowNo } }).replace('}}', ',}}');
      for (const ws of wss.clients) ws.send(frame);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const display = await openSocket(url.replace('http', 'ws'), []);
  const call: number[] = [];
  const shown: number[] = [];
  try {
    for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: WINDOWS }, () => fetch(url).then((r) => r.text())));
    await Promise.all(
      Array.from({ length: WINDOWS }, async (_, i) => {
        for (let n = 0; n < ROUNDS; n++) {
          const t0 = performance.now();
          const seen = waitFrame(display, (d) => d.includes(`"windowNo":${i + 1},`));
          const res = await fetch(url, { method: 'POST', body: JSON.stringify({ windowNo: i + 1 }) });
          await res.json();
          call.push(performance.now() - t0);
          shown.push((await seen) - t0);
        }
      }),
    );
    return { call, shown };
  } finally {
    display.close();
    wss.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    db.close();
  }
}

const bench: BenchModule = {
  prefix: 'queue',
  async run(emit) {
    const tmp = makeTempDir('zhck-bench-queue-');
    try {
      const hall = await hallRun(tmp.dir);
      const bare = await bareRun(tmp.dir);
      emit({ name: 'queue.callNext.p99_ms', value: round(percentile(hall.call, 99), 1), unit: 'ms', compare: { name: 'bareSqliteWriteWsBroadcast.p99_ms', value: round(percentile(bare.call, 99), 1) } });
      emit({ name: 'queue.callNext.p50_ms', value: round(percentile(hall.call, 50), 1), unit: 'ms', compare: { name: 'bareSqliteWriteWsBroadcast.p50_ms', value: round(percentile(bare.call, 50), 1) } });
      emit({ name: 'queue.display.latency_ms', value: round(percentile(hall.shown, 50), 1), unit: 'ms', compare: { name: 'bareSqliteWriteWsBroadcast.latency_ms', value: round(percentile(bare.shown, 50), 1) } });
      emit({ name: 'queue.display.latency.p99_ms', value: round(percentile(hall.shown, 99), 1), unit: 'ms', compare: { name: 'bareSqliteWriteWsBroadcast.latency.p99_ms', value: round(percentile(bare.shown, 99), 1) } });
    } finally {
      tmp.cleanup();
    }
  },
};

export default bench;
