import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../test/support/tmp';
import { openDatabase } from '../connection';
import { migrate } from '../migrate';
import { migrations } from './index';

const tmp = makeTempDir();
afterAll(tmp.cleanup);

describe('0110 sync', () => {
  it('upgrades a database with a non-empty outbox; a rejected op can be marked retried, the op itself stays immutable', () => {
    const db = openDatabase(join(tmp.dir, 'm.sqlite'));
    migrate(
      db,
      migrations.filter((m) => m.version < 110),
    );
    db.prepare("INSERT INTO outbox (seq, op_id, op_type, schema_version, payload, created_at, state) VALUES (1, 'a', 'case.event', 1, '{}', 'x', 'rejected')").run();
    migrate(db, migrations);
    expect(db.prepare('SELECT seq, state, retried_as FROM outbox').all()).toEqual([{ seq: 1, state: 'rejected', retried_as: null }]);
    db.prepare('UPDATE outbox SET retried_as = 2 WHERE seq = 1').run();
    expect(() => db.prepare("UPDATE outbox SET payload = '{\"x\":1}' WHERE seq = 1").run()).toThrow(/immutable/);
    expect(() => db.prepare("INSERT INTO sync_cursors (dataset, cursor, updated_at) VALUES ('people', NULL, 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO sync_client (id, central_url, client_id, client_secret, registered_at) VALUES (2, 'u', 'c', 's', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO sync_snapshot_stage (dataset, key, value) VALUES ('catalog', 'k', 'not json')").run()).toThrow(/CHECK/);
    db.close();
  });
});
