import { mkdirSync } from 'node:fs';
import { createDispatcher, type Dispatch, type Handlers } from '../../shared/contract/dispatch';
import type { Settings } from '../../shared/contract/settings';
import type { SystemInfo } from '../../shared/contract/system';
import { BlobStore } from './blobs/blob-store';
import { AttachmentsService } from './capture/attachments-service';
import { BarcodeService } from './capture/barcode-service';
import { ScanService } from './capture/scan-service';
import { type DB, openDatabase } from './db/connection';
import { migrate, schemaVersion } from './db/migrate';
import { migrations } from './db/migrations';
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
}

export interface AppServices {
  readonly db: DB;
  readonly layout: DataLayout;
  readonly events: EventHub;
  readonly log: Logger;
  readonly settings: SettingsService;
  readonly attachments: AttachmentsService;
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
  const attachments = new AttachmentsService(db, new BlobStore(layout.blobs), events);
  const scans = new ScanService(attachments, events, settings);
  sweepOrphanBlobs(attachments, log);
  const barcodes = new BarcodeService(events, log);
  void barcodes.apply(settings.get());
  events.subscribe((name, payload) => {
    if (name === 'settings.changed') void barcodes.apply(payload as Settings);
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
    'attachments.add': (i) => attachments.add(i, Buffer.from(i.jpegBase64, 'base64'), { source: i.source, ...(i.thumbBase64 ? { thumb: Buffer.from(i.thumbBase64, 'base64') } : {}) }),
    'attachments.list': (i) => attachments.listForMaterial(i, { includeDeleted: i.includeDeleted }),
    'attachments.reorder': (i) => attachments.reorder(i, i.ids),
    'attachments.remove': (i) => attachments.remove(i.id),
    'attachments.restore': (i) => attachments.restore(i.id),
    'attachments.image': (i) => ({ dataUrl: attachments.dataUrl(i.id, i.size) }),
    'attachments.pdf': (i) => attachments.pdf(i),
    'capture.scanners.list': () => scans.list(),
    'capture.scan': (i) => scans.scan(i),
    'capture.cancel': () => ({ cancelled: scans.cancel() }),
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
    attachments,
    dispatch,
    close: () => {
      void barcodes.close();
      db.close();
    },
  };
}

/** A week: long enough for any draft being edited to have committed the rows that use its blobs. */
const BLOB_GRACE_MS = 7 * 24 * 3600 * 1000;

/**
 * Removes blobs nothing references any more (and temp files of interrupted writes). Every table
 * that stores a SHA-256 must be asked here; today that is attachments (pages and thumbnails).
 * Material PDFs are derived and regenerated on demand, so they are swept too.
 */
function sweepOrphanBlobs(attachments: AttachmentsService, log: Logger): void {
  try {
    const removed = attachments.blobs.sweep((sha) => attachments.isReferenced(sha), BLOB_GRACE_MS);
    if (removed.length > 0) log.info('orphan blobs removed', { count: removed.length });
  } catch (error) {
    log.warn('blob sweep failed', describeError(error));
  }
}
