import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/connection';
import { makeTempDir } from '../support/tmp';

const tmp = makeTempDir('zhck-crash-');
afterAll(tmp.cleanup);
const TARGET = 1000;
const KILLS = 20;

/** Runs the worker; resolves with the cases it reported committed, and whether it finished. */
function run(dataDir: string, killAfterMs: number | null): Promise<{ committed: Map<string, string>; done: boolean }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'decision-child.ts'), dataDir, String(TARGET)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const committed = new Map<string, string>();
    let done = false;
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'READY' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        if (line === 'DONE') done = true;
        const m = /^C (\S+) (\d{20})$/.exec(line);
        if (m) committed.set(m[1]!, m[2]!);
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ committed, done }));
  });
}

describe('crash safety', () => {
  it(`keeps every reported decision through ${KILLS} SIGKILLs during ${TARGET} decisions`, async () => {
    const dataDir = join(tmp.dir, 'window');
    const reported = new Map<string, string>();
    // Deterministic "random" kill moments so a failure can be replayed.
    let seed = 20261123;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < KILLS; k++) {
      const { committed } = await run(dataDir, 150 + Math.floor(rand() * 900));
      for (const [id, no] of committed) reported.set(id, no);
      check(dataDir, reported);
    }
    const last = await run(dataDir, null);
    for (const [id, no] of last.committed) reported.set(id, no);
    expect(last.done).toBe(true);
    const final = check(dataDir, reported);
    expect(final.accepted).toBe(TARGET);
  }, 300_000);
});

function check(dataDir: string, reported: Map<string, string>) {
  const db = openDatabase(join(dataDir, 'window.sqlite'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every decision the worker reported is present and complete.
    const get = db.prepare('SELECT case_no, status FROM cases WHERE id = ?');
    for (const [id, no] of reported) expect(get.get(id)).toEqual({ case_no: no, status: 'accepted' });
    // No case half-written: each decided case has its event, its document and its outbox op.
    const broken = db
      .prepare(
        `SELECT c.id FROM cases c WHERE c.status <> 'draft' AND (
           c.case_no IS NULL
           OR (SELECT count(*) FROM case_events e WHERE e.case_id = c.id) <> 1
           OR (SELECT count(*) FROM case_documents d WHERE d.case_id = c.id) <> 1
           OR (SELECT count(*) FROM outbox o WHERE o.aggregate_id = c.id) <> 1
           OR (SELECT count(*) FROM case_materials m WHERE m.case_id = c.id) = 0)`,
      )
      .all();
    expect(broken).toEqual([]);
    // Outbox seq is dense from 1 and matches the counter.
    const { n, min, max } = db.prepare('SELECT count(*) AS n, min(seq) AS min, max(seq) AS max FROM outbox').get() as { n: number; min: number; max: number };
    if (n > 0) expect([min, max]).toEqual([1, n]);
    expect((db.prepare('SELECT next_seq FROM outbox_counter').get() as { next_seq: number }).next_seq).toBe(n + 1);
    // 受理号 sequence has no duplicates and no gaps within a day.
    const days = db.prepare('SELECT substr(case_no, 7, 8) AS day, CAST(substr(case_no, 17, 4) AS INTEGER) AS s FROM cases WHERE case_no IS NOT NULL ORDER BY day, s').all() as { day: string; s: number }[];
    for (const day of new Set(days.map((r) => r.day))) {
      const seqs = days.filter((r) => r.day === day).map((r) => r.s);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    const accepted = (db.prepare("SELECT count(*) AS n FROM cases WHERE status = 'accepted'").get() as { n: number }).n;
    return { accepted };
  } finally {
    db.close();
  }
}
