import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkVerifier, makeVerifier } from '../../electron/services/auth/verifier';
import { createAppServices } from '../../electron/services/app';
import { startCentralAuth } from '../support/central-auth';
import { type BenchModule, percentile, round } from './harness';

const ROUNDS = 30;

/**
 * auth.signin.offline_ms: a whole offline sign-in (lookup, scrypt check, session, audit row)
 * against the bare scrypt check it is built on: the difference is our overhead.
 * auth.signin.online_ms: sign-in against the loopback platform, compared with the offline one.
 */
const bench: BenchModule = {
  prefix: 'auth',
  async run(emit) {
    const dir = mkdtempSync(join(tmpdir(), 'zhck-bench-auth-'));
    const central = await startCentralAuth();
    const app = createAppServices({ dataDir: dir, host: 'browser' });
    try {
      app.settings.update({ centralUrl: central.url });
      const auth = app.auth;
      const online: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        await auth.signIn('zhangsan', 'Hall-2026');
        online.push(performance.now() - t);
        auth.signOut();
      }
      app.settings.update({ centralUrl: 'http://127.0.0.1:9' });
      const offline: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        await auth.signIn('zhangsan', 'Hall-2026');
        offline.push(performance.now() - t);
        auth.signOut();
      }
      const verifier = await makeVerifier('Hall-2026');
      const bare: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        await checkVerifier('Hall-2026', verifier);
        bare.push(performance.now() - t);
      }
      const offlineP50 = round(percentile(offline, 50));
      emit({ name: 'auth.signin.offline_ms.p50', value: offlineP50, unit: 'ms', compare: { name: 'scrypt.check_ms.p50', value: round(percentile(bare, 50)) } });
      emit({ name: 'auth.signin.online_ms.p50', value: round(percentile(online, 50)), unit: 'ms', compare: { name: 'auth.signin.offline_ms.p50', value: offlineP50 } });
    } finally {
      app.close();
      await central.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
