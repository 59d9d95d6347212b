import { mkdirSync } from 'node:fs';
import { createDispatcher, type Dispatch, type Handlers } from '../../shared/contract/dispatch';
import type { SystemInfo } from '../../shared/contract/system';
import { type DB, openDatabase } from './db/connection';
import { migrate, schemaVersion } from './db/migrate';
import { migrations } from './db/migrations';
import { type AuditFn, localAudit } from './auth/audit-adapter';
import { AuthService } from './auth/auth-service';
import { CustomerService } from './customer/customer-service';
import { IdCardService } from './devices/idcard/idcard-service';
import { EventHub } from './events';
import { createLogger, describeError, type Logger } from './log';
import { dataLayout, type DataLayout } from './paths';
import { SettingsService } from './settings/settings-service';

export const APP_VERSION = '0.1.0';

export interface AppServicesOptions {
  dataDir: string;
  host: SystemInfo['host'];
  /** Echo log lines to stderr (development, tests that want to see them). */
  echoLog?: boolean;
  /** The audit service's append; until it is merged, a local adapter on the same table. */
  audit?: AuditFn;
}

export interface AppServices {
  readonly db: DB;
  readonly layout: DataLayout;
  readonly events: EventHub;
  readonly log: Logger;
  readonly settings: SettingsService;
  readonly idcard: IdCardService;
  readonly auth: AuthService;
  readonly customer: CustomerService;
  readonly dispatch: Dispatch;
  close(): void;
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
  const auth = new AuthService(db, settings, events, options.audit ?? localAudit(db));
  const customer = new CustomerService(db, settings, auth, events);

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
    'settings.update': (patch) => {
      // 管理员 only; before anyone has signed in here, the installer sets the platform address.
      if (!auth.isSetupMode()) auth.requireRole('admin');
      return settings.update(patch);
    },
    'idcard.status': () => idcard.status(),
    'idcard.listPorts': () => idcard.listPorts(),
    'idcard.readOnce': () => idcard.readOnce(),
    'idcard.simulator.fixtures': () => idcard.fixtures(),
    'idcard.simulator.place': (input) => idcard.place(input.cardId),
    'idcard.simulator.remove': () => idcard.remove(),
    'auth.session': () => auth.session(),
    'auth.signIn': (input) => auth.signIn(input.login, input.password),
    'auth.signOut': () => auth.signOut(),
    'auth.lock': () => auth.lock(),
    'auth.unlock': (input) => auth.unlock(input),
    'auth.setPin': (input) => auth.setPin(input.pin),
    'auth.recordUnmask': (input) => auth.recordUnmask(input.target, input.reason),
    'customer.current': () => customer.current(),
    'customer.show': (view) => customer.show(view),
    'customer.requestSignature': (input) => customer.requestSignature(input.caseId, input.purpose),
    'customer.submitSignature': (input) => customer.submitSignature(input.requestId, input.dataUrl),
    'customer.requestRating': (input) => customer.requestRating(input.caseNo, input.ticketNo, input.serviceStep),
    'customer.submitRating': (input) => customer.submitRating(input.requestId, input.grade, input.optionCodes, input.comment),
    'customer.skipRating': (input) => customer.skipRating(input.requestId),
    'ratings.followUps': (input) => customer.followUps(input.state),
    'ratings.closeFollowUp': (input) => customer.closeFollowUp(input.id, input.note),
    'signatures.get': (input) => {
      auth.requireClerk();
      return customer.getSignature(input.caseId, input.purpose);
    },
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
    auth,
    customer,
    dispatch,
    close: () => {
      idcard.kill();
      db.close();
    },
  };
}
