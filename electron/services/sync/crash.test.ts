import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../../test/central/server';
import { clientDb, platformOps } from '../../../test/support/sync';
import { makeTempDir } from '../../../test/support/tmp';

const tmp = makeTempDir();
afterAll(tmp.cleanup);
const childScript = resolve(import.meta.dirname, '../../../test/central/crash-child.ts');

function runChild(args: string[]): { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, exit: new Promise((r) => child.on('exit', (code, signal) => r({ code, signal, out }))) };
}

describe('SIGKILL at each of the four points, then restart: every op on the platform exactly once', () => {
  it('after the local commit; before the platform commits; after it commits; after the reply', async () => {
    const dir = join(tmp.dir, 'client');
    let armed: 'before' | 'after' | null = null;
    let victim: { child: ChildProcess; exit: Promise<unknown> } | null = null;
    const killVictim = async () => {
      victim!.child.kill('SIGKILL');
      await victim!.exit;
    };
    const platform = await startPlatform({
      shippedGuides: false,
      dataDir: join(tmp.dir, 'platform'),
      hooks: {
        beforePushCommit: async () => {
          if (armed !== 'before') return;
          armed = null;
          await killVictim();
          throw new Error('the request died with its sender'); // nothing of this batch is committed
        },
        afterPushCommit: async () => {
          if (armed !== 'after') return;
          armed = null;
          await killVictim(); // committed; the reply goes to a dead socket
        },
      },
    });
    const base = ['--dir', dir, '--url', platform.url];
    // 1. after the local commit, before anything was sent
    let r = await runChild([...base, '--append', '12', '--from', '1', '--crash', 'afterCommit']).exit;
    expect(r.signal).toBe('SIGKILL');
    // 2. after sending, before the platform commits
    armed = 'before';
    victim = runChild([...base, '--append', '10', '--from', '13']);
    expect(((await victim.exit) as { signal: string }).signal).toBe('SIGKILL');
    expect(armed).toBeNull();
    // 3. after the platform commits, before the reply arrives
    armed = 'after';
    victim = runChild([...base, '--append', '10', '--from', '23']);
    expect(((await victim.exit) as { signal: string }).signal).toBe('SIGKILL');
    expect(armed).toBeNull();
    const committedBefore4 = platformOps(platform.db).length;
    expect(committedBefore4).toBe(7); // one batch of 7 went in while its sender died
    // 4. after the reply, before the local ack
    r = await runChild([...base, '--append', '10', '--from', '33', '--crash', 'afterReply']).exit;
    expect(r.signal).toBe('SIGKILL');
    // restart: drains
    r = await runChild([...base]).exit;
    expect(r.out).toContain('done');
    const db = clientDb(dir);
    const local = db.prepare('SELECT seq, op_id AS opId, payload, state FROM outbox ORDER BY seq').all() as { seq: number; opId: string; payload: string; state: string }[];
    expect(local).toHaveLength(42);
    expect(local.every((o) => o.state === 'acked')).toBe(true);
    const remote = platformOps(platform.db);
    expect(remote.map((o) => o.seq)).toEqual(local.map((o) => o.seq));
    expect(remote.map((o) => [o.opId, o.payload])).toEqual(local.map((o) => [o.opId, o.payload]));
    expect(platform.db.prepare('SELECT count(*) AS n FROM case_events').get()).toEqual({ n: 42 });
    db.close();
    await platform.close();
  }, 60_000);
});
