import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The one endpoint of the reference central platform that clerk sign-in needs, byte-compatible
 * with test/central (built in another branch): POST /auth/clerk-login {login, password}.
 */
export const seededAccounts = {
  zhangsan: { password: 'Hall-2026', name: '张三', role: 'clerk', windowNos: [1] },
  lisi: { password: 'Hall-2026', name: '李四', role: 'supervisor', windowNos: [1, 2, 3] },
  admin: { password: 'Hall-2026', name: '系统管理员', role: 'admin', windowNos: [] },
  wangwu: { password: 'Hall-2026', name: '王五', role: 'clerk', windowNos: [2], disabled: true },
} as Record<string, { password: string; name: string; role: string; windowNos: number[]; disabled?: boolean }>;

export interface CentralAuthStub {
  url: string;
  /** Requests seen, for assertions (passwords included: it is a test server). */
  readonly calls: { login: string }[];
  close(): Promise<void>;
}

export async function startCentralAuth(): Promise<CentralAuthStub> {
  const calls: { login: string }[] = [];
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/auth/clerk-login') return send(404, { code: 'NOT_FOUND', message: 'not found' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: { login?: unknown; password?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return send(400, { code: 'BAD_REQUEST', message: 'invalid json' });
      }
      const login = String(body.login ?? '');
      calls.push({ login });
      const account = seededAccounts[login];
      if (!account || account.password !== body.password) return send(401, { code: 'BAD_CREDENTIALS', message: '账号或密码错误' });
      if (account.disabled) return send(401, { code: 'DISABLED', message: '账号已停用' });
      send(200, { account: { login, name: account.name, role: account.role, windowNos: account.windowNos }, serverTime: new Date().toISOString() });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
