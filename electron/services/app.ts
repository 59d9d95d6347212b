import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { createDispatcher, type Dispatch, type Handlers } from '../../shared/contract/dispatch';
import type { Settings } from '../../shared/contract/settings';
import type { SystemInfo } from '../../shared/contract/system';
import { BlobStore } from './blobs/blob-store';
import { AttachmentsService } from './capture/attachments-service';
import { BarcodeService } from './capture/barcode-service';
import { ScanService } from './capture/scan-service';
import { type DB, openDatabase, writeTransaction } from './db/connection';
import { migrate, schemaVersion } from './db/migrate';
import { migrations } from './db/migrations';
import { seedBundledCalendar } from './calendar/calendar-store';
import { CaseService } from './cases/case-service';
import { CatalogService } from './catalog/catalog-service';
import { type AuditFn, localAudit } from './auth/audit-adapter';
import { AuthService } from './auth/auth-service';
import { CustomerService } from './customer/customer-service';
import { IdCardService } from './devices/idcard/idcard-service';
import { EventHub } from './events';
import { createLogger, describeError, type Logger } from './log';
import { dataLayout, type DataLayout } from './paths';
import { QueueService } from './queue/queue-service';
import { SettingsService } from './settings/settings-service';
import type { ApplyPlatformStatus } from './sync/appliers';
import { SyncService } from './sync/sync-service';

export const APP_VERSION = '0.1.0';

export interface AppServicesOptions {
  dataDir: string;
  host: SystemInfo['host'];
  /** Echo log lines to stderr (development, tests that want to see them). */
  echoLog?: boolean;
  /** Size of the generated 示例 catalogue on first run (tests use a small one; default 15,000). */
  sampleCatalogSize?: number;
  /** Built renderer, for the kiosk and display pages the embedded hall queue service serves. */
  rendererDir?: string;
  /** The audit service's append; until it is merged, a local adapter on the same table. */
  audit?: AuditFn;
}

export interface AppServices {
  readonly db: DB;
  readonly layout: DataLayout;
  readonly events: EventHub;
  readonly log: Logger;
  readonly settings: SettingsService;
  readonly catalog: CatalogService;
  readonly cases: CaseService;
  readonly idcard: IdCardService;
  readonly queue: QueueService;
  readonly attachments: AttachmentsService;
  readonly auth: AuthService;
  readonly customer: CustomerService;
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
  const db = openOrExplain(layout);
  try {
    const result = migrate(db, migrations, { backupDir: layout.backups });
    if (result.to !== result.from) log.info('database migrated', { from: result.from, to: result.to, backup: result.backupFile });
  } catch (error) {
    db.close();
    throw error;
  }
  const events = new EventHub();
  const settings = new SettingsService(db, events);
  writeTransaction(db, () => seedBundledCalendar(db));
  const catalog = new CatalogService(db, options.sampleCatalogSize === undefined ? {} : { sampleSize: options.sampleCatalogSize });
  const attachments = new AttachmentsService(db, new BlobStore(layout.blobs), events);
  const cases = new CaseService({ db, catalog, settings, events, blobRefs: (caseId) => caseBlobRefs(db, caseId), actor: () => auth.session().account?.name ?? '', signature: (caseId, purpose) => customer.getSignature(caseId, purpose)?.dataUrl ?? null });
  const idcard = new IdCardService(settings, events, log);
  const queue = new QueueService({ settings, events, log, dataDir: layout.root, clerk: () => auth.session().account?.name ?? '', ...(options.rendererDir ? { staticDir: options.rendererDir } : {}) });
  const scans = new ScanService(attachments, events, settings);
  sweepOrphanBlobs(attachments, log);
  const barcodes = new BarcodeService(events, log);
  void barcodes.apply(settings.get());
  events.subscribe((name, payload) => {
    if (name === 'settings.changed') void barcodes.apply(payload as Settings);
  });
  const auth = new AuthService(db, settings, events, options.audit ?? localAudit(db));
  const customer = new CustomerService(db, settings, auth, events);
  const sync = new SyncService({
    db,
    blobDir: layout.blobs,
    log,
    events,
    settings,
    applyPlatformStatus: platformStatusThroughCases(cases, log),
    // A published catalogue must reach the search box at once, not after a restart.
    onCatalogChanged: () => catalog.reload(),
  });
  void sync.reconcile();
  const stopFollowingSettings = events.subscribe((name) => {
    if (name === 'settings.changed') void sync.reconcile();
    // A committed decision or rating leaves now rather than at the next poll.
    if (name === 'cases.changed' || name === 'customer.ratingDone') sync.kick();
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
    'catalog.search': ({ query, limit }) => catalog.search(query, limit),
    'catalog.frequent': ({ limit }) => catalog.frequent(limit),
    'catalog.item': ({ id }) => catalog.item(id),
    'catalog.bundle': ({ id }) => catalog.bundle(id),
    'catalog.meta': () => ({ ...catalog.meta(), items: catalog.index.size }),
    'cases.saveDraft': (input) => cases.saveDraft(input),
    'cases.discardDraft': ({ caseId }) => cases.discardDraft(caseId),
    'cases.get': ({ caseId }) => cases.get(caseId),
    'cases.list': (input) => cases.list(input),
    'cases.receive': ({ caseId }) => cases.receive(caseId),
    'cases.accept': ({ caseId }) => cases.accept(caseId),
    'cases.acceptRongque': ({ caseId, deadline }) => cases.acceptRongque(caseId, deadline),
    'cases.notifyCorrection': ({ caseId, note }) => cases.notifyCorrection(caseId, note),
    'cases.correctionReceived': ({ caseId }) => cases.correctionReceived(caseId),
    'cases.refuse': ({ caseId, reason, competentAuthority }) => cases.refuse(caseId, reason, competentAuthority),
    'cases.withdraw': ({ caseId, reason }) => cases.withdraw(caseId, reason),
    'cases.applyPlatformStatus': (change) => cases.applyPlatformStatus(change),
    'cases.deliver': ({ caseId, ...rest }) => cases.deliver(caseId, rest),
    'documents.logPrint': ({ documentId, via, copies }) => cases.logPrint(documentId, via, copies),
    'applicants.lookup': ({ certType, certNo }) => cases.lookupApplicant(certType, certNo),
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
    'queue.status': () => queue.status(),
    'queue.callNext': ({ requestId }) => queue.op('hall.callNext', {}, requestId),
    'queue.recall': ({ requestId }) => queue.op('hall.recall', {}, requestId),
    'queue.noShow': ({ requestId, ...rest }) => queue.op('hall.noShow', rest, requestId),
    'queue.start': ({ requestId }) => queue.op('hall.start', {}, requestId),
    'queue.finish': async ({ requestId, caseNos }) => {
      // 办结 of a ticket records the cases it produced, unless the clerk named them.
      const current = caseNos.length > 0 ? null : (await queue.status()).current;
      return queue.op('hall.finish', { caseNos: current ? cases.caseNosForTicket(current.label) : caseNos }, requestId);
    },
    'queue.transfer': ({ requestId, ...rest }) => queue.op('hall.transfer', rest, requestId),
    'queue.suspend': ({ requestId, ...rest }) => queue.op('hall.suspend', rest, requestId),
    'queue.resume': ({ requestId, ...rest }) => queue.op('hall.resume', rest, requestId),
    'queue.pauseWindow': ({ requestId, ...rest }) => queue.op('hall.pause', rest, requestId),
    'queue.resumeWindow': ({ requestId }) => queue.op('hall.unpause', {}, requestId),
    'queue.takeOverWindow': () => {
      auth.requireRole('supervisor', 'admin');
      return queue.takeOver();
    },
    'queue.hallInfo': () => queue.hallInfo(),
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
    catalog,
    cases,
    idcard,
    queue,
    attachments,
    auth,
    customer,
    sync,
    dispatch,
    close: async () => {
      idcard.kill();
      queue.close();
      void barcodes.close();
      stopFollowingSettings();
      await sync.close();
      db.close();
    },
  };
}

/**
 * Opens the window's database; a corrupt file is refused and kept as it is, and the clerk is told
 * which backup IT staff can restore (the newest `VACUUM INTO` copy taken before a migration).
 */
function openOrExplain(layout: DataLayout): DB {
  try {
    return openDatabase(layout.database);
  } catch (error) {
    if (error instanceof AppError && error.code === 'DB_CORRUPT') {
      const backups = existsSync(layout.backups) ? readdirSync(layout.backups).filter((f) => f.endsWith('.sqlite')).sort() : [];
      const latest = backups.at(-1);
      throw new AppError('DB_CORRUPT', `本机数据库文件已损坏，客户端没有打开它（文件：${layout.database}）。`, {
        hint: latest
          ? `原文件已原样保留。请联系信息科：退出客户端后，将损坏的文件改名保存，再把最近的备份 ${join(layout.backups, latest)} 复制为 ${layout.database}；备份之后办理的办件请以平台记录核对。`
          : '原文件已原样保留。本机没有备份，请联系信息科处理；已同步到平台的办件可从平台恢复。',
        cause: error,
      });
    }
    throw error;
  }
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

/** SHA-256s of a case's live pages: the platform must have them before the op that names them. */
function caseBlobRefs(db: DB, caseId: string): string[] {
  return (db.prepare('SELECT DISTINCT sha256 FROM attachments WHERE case_id = ? AND deleted_at IS NULL ORDER BY sha256').all(caseId) as { sha256: string }[]).map((r) => r.sha256);
}

/**
 * The back office's decisions go through the case service (state machine, events, audit). A status
 * the local case cannot take (a case this window no longer holds, a transition the rules refuse)
 * is logged and passed over: refusing it would roll back the whole pulled page and stall every
 * later change behind it.
 */
function platformStatusThroughCases(cases: CaseService, log: Logger): ApplyPlatformStatus {
  return (change) => {
    try {
      const { result } = cases.applyPlatformStatus({ ...change, statusCode: change.statusCode as 8 | 9 | 10 | 11 | 12 | 13 });
      return result === 'deferred' ? 'deferred' : 'applied';
    } catch (error) {
      if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'RULE_VIOLATION')) {
        log.warn('platform status passed over', { caseNo: change.caseNo, statusCode: change.statusCode, reason: error.message });
        return 'applied';
      }
      throw error;
    }
  };
}
