import { mkdirSync } from 'node:fs';
import { createDispatcher, type Dispatch, type Handlers } from '../../shared/contract/dispatch';
import type { SystemInfo } from '../../shared/contract/system';
import { type DB, openDatabase } from './db/connection';
import { migrate, schemaVersion } from './db/migrate';
import { migrations } from './db/migrations';
import { IdCardService } from './devices/idcard/idcard-service';
import { EventHub } from './events';
import { createLogger, describeError, type Logger } from './log';
import { dataLayout, type DataLayout } from './paths';
import { SettingsService } from './settings/settings-service';
import { SyncService } from './sync/sync-service';

export const APP_VERSION = '0.1.0';

export interface AppServicesOptions {
  dataDir: string;
  host: SystemInfo['host'];
  /** Echo log lines to stderr (development, tests that want to see them). */
  echoLog?: boolean;
}

export interface AppServices {
  readonly db: DB;
  readonly layout: DataLayout;
  readonly events: EventHub;
  readonly log: Logger;
  readonly settings: SettingsService;
  readonly idcard: IdCardService;
  readonly sync: SyncService;
  readonly dispatch: Dispatch;
  /** Stops every service; resolves once no timer or request of theirs is left. */
  close(): Promise<void>;
}

/**
 * The composition root of the services layer: one database, one event hub, every capability,
 * and the dispatcher both hosts bind. Hosts own nothing else.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const layout = dataLayout(options.dataDir);
  mkdirSync(layout.root, { recursive: true });
  const log = createLogger({ dir: layout.logs, echo: options.echoLog ?? false });
  const db = openDatabase(layout.database);
  try {
    const result = migrate(db, migrations, { backupDir: layout.backups });
    if (result.to !== result.from) log.info('database migrated', { from: result.from, to: result.to, backup: result.backupFile });
  } catch (error) {
    db.close();
    throw error;
  }
  const events = new EventHub();
  const settings = new SettingsService(db, events);
  const idcard = new IdCardService(settings, events, log);
  const sync = new SyncService({ db, blobDir: layout.blobs, log, events, settings });
  void sync.reconcile();
  const stopFollowingSettings = events.subscribe((name) => {
    if (name === 'settings.changed') void sync.reconcile();
  });

  const handlers: Handlers = {
    'system.ping': (input) => ({ pong: true, ...(input.nonce === undefined ? {} : { nonce: input.nonce }) }),
    'system.info': () => ({
      appVersion: APP_VERSION,
      schemaVersion: schemaVersion(db),
      host: options.host,
      dataDir: layout.root,
      now: new Date().toISOString(),
    }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'idcard.status': () => idcard.status(),
    'idcard.listPorts': () => idcard.listPorts(),
    'idcard.readOnce': () => idcard.readOnce(),
    'idcard.simulator.fixtures': () => idcard.fixtures(),
    'idcard.simulator.place': (input) => idcard.place(input.cardId),
    'idcard.simulator.remove': () => idcard.remove(),
    'sync.status': () => sync.status(),
    'sync.retryNow': () => sync.retryNow(),
    'sync.problems': () => sync.problems(),
    'sync.retryProblem': (input) => sync.retryProblem(input.seq),
    'sync.exportProblems': () => sync.exportProblems(),
    'elicense.lookup': (input) => sync.elicenseLookup(input),
  };

  const dispatch = createDispatcher(handlers, {
    onInternalError: (method, error) => log.error('call failed', { method, ...describeError(error) }),
  });

  return {
    db,
    layout,
    events,
    log,
    settings,
    idcard,
    sync,
    dispatch,
    close: async () => {
      idcard.kill();
      stopFollowingSettings();
      await sync.close();
      db.close();
    },
  };
}
