import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTransaction } from '../../electron/services/db/connection';
import { appendOutbox } from '../../electron/services/outbox/outbox';
import { createAppServices } from '../../electron/services/app';
import { startCentralAuth } from '../support/central-auth';
import { type BenchModule, round } from './harness';

const N = 500;

/**
 * rating.record_per_s: request + submit of a 差评 (rating row, outbox op, follow-up, events),
 * against a bare outbox append in its own transaction: both pay the same fsync per commit.
 */
const bench: BenchModule = {
  prefix: 'rating',
  async run(emit) {
    const dir = mkdtempSync(join(tmpdir(), 'zhck-bench-rating-'));
    const central = await startCentralAuth();
    const app = createAppServices({ dataDir: dir, host: 'browser' });
    try {
      app.settings.update({ centralUrl: central.url });
      await app.auth.signIn('zhangsan', 'Hall-2026');
      let t = performance.now();
      for (let i = 0; i < N; i++) {
        const req = app.customer.requestRating(`C${i}`, null, 'accept');
        app.customer.submitRating(req.requestId, 2, ['213'], '');
      }
      const perS = N / ((performance.now() - t) / 1000);
      t = performance.now();
      for (let i = 0; i < N; i++) {
        writeTransaction(app.db, () => appendOutbox(app.db, { type: 'bench', schemaVersion: 1, aggregateId: null, payload: { i }, at: new Date().toISOString() }));
      }
      const barePerS = N / ((performance.now() - t) / 1000);
      emit({ name: 'rating.record_per_s', value: round(perS, 1), unit: 'ratings/s', compare: { name: 'outbox.append_per_s', value: round(barePerS, 1) } });
    } finally {
      app.close();
      await central.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
