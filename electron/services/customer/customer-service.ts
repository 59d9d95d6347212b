import { createHash, randomUUID } from 'node:crypto';
import type {
  CustomerState,
  CustomerView,
  RatingRequest,
  ServiceStep,
  SignaturePurpose,
} from '../../../shared/contract/customer';
import { AppError } from '../../../shared/contract/errors';
import type { FollowUp } from '../../../shared/contract/ratings';
import { checkOptionCodes, type Grade, isBadGrade, RATING_CHANNEL_EVALUATOR } from '../../../shared/domain/rating/grades';
import type { AuthService } from '../auth/auth-service';
import { type DB, writeTransaction } from '../db/connection';
import type { EventHub } from '../events';
import { appendOutbox } from '../outbox/outbox';
import type { SettingsService } from '../settings/settings-service';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface PendingRating extends RatingRequest {
  clerk: string;
  windowNo: number;
}

interface FollowUpRow {
  id: string;
  rating_id: string;
  case_no: string;
  window_no: number;
  clerk: string;
  clerk_name: string;
  grade: number;
  option_codes: string;
  comment: string;
  opened_at: string;
  state: 'open' | 'closed';
  closed_by: string | null;
  note: string;
}

const toFollowUp = (r: FollowUpRow): FollowUp => ({
  id: r.id,
  ratingId: r.rating_id,
  caseNo: r.case_no,
  windowNo: r.window_no,
  clerk: r.clerk,
  clerkName: r.clerk_name,
  grade: r.grade,
  optionCodes: JSON.parse(r.option_codes) as string[],
  comment: r.comment,
  openedAt: r.opened_at,
  state: r.state,
  closedBy: r.closed_by,
  note: r.note,
});

const FOLLOW_UP_SELECT = `SELECT f.id, f.rating_id, r.case_no, r.window_no, r.clerk, coalesce(a.name, r.clerk) AS clerk_name, r.grade, r.option_codes,
    r.comment, f.opened_at, f.state, f.closed_by, f.note
  FROM rating_follow_ups f JOIN ratings r ON r.id = f.rating_id LEFT JOIN auth_accounts a ON a.login = r.clerk`;

/**
 * The customer-facing screen (评价屏): what the applicant sees, their signature and their
 * 好差评 rating. The clerk's side asks; the customer page answers. Ratings are written with
 * their outbox op in one transaction; an unanswered request becomes 未评价, never a default grade.
 */
export class CustomerService {
  private view: CustomerView = { kind: 'idle' };
  private signature: { requestId: string; caseId: string; purpose: SignaturePurpose; clerk: string } | null = null;
  private rating: PendingRating | null = null;

  constructor(
    private readonly db: DB,
    private readonly settings: SettingsService,
    private readonly auth: AuthService,
    private readonly events: EventHub,
    private readonly now: () => Date = () => new Date(),
  ) {
    // When the clerk signs out, the applicant's screen must not keep the last case on show, and
    // a rating nobody gave is closed as 未评价 under the clerk who asked for it.
    events.subscribe((name, payload) => {
      if (name !== 'auth.changed' || (payload as { account: unknown }).account !== null) return;
      if (this.rating) this.record(this.rating, null, [], '');
      this.signature = null;
      if (this.view.kind !== 'idle') {
        this.view = { kind: 'idle' };
        this.events.emit('customer.view', this.view);
      }
    });
  }

  current(): CustomerState {
    const s = this.settings.get();
    const clerk = this.auth.session().account;
    return {
      view: this.view,
      signature: this.signature && { requestId: this.signature.requestId, caseId: this.signature.caseId, purpose: this.signature.purpose },
      rating: this.rating && { requestId: this.rating.requestId, caseNo: this.rating.caseNo, ticketNo: this.rating.ticketNo, serviceStep: this.rating.serviceStep },
      windowNo: s.windowNo,
      hallName: s.hallName,
      clerkName: clerk?.name ?? s.clerkName,
      servicePromise: s.customer.servicePromise,
    };
  }

  show(view: CustomerView): { shown: true } {
    this.auth.requireClerk();
    this.view = view;
    this.events.emit('customer.view', view);
    return { shown: true };
  }

  requestSignature(caseId: string, purpose: SignaturePurpose) {
    const clerk = this.auth.requireClerk();
    this.signature = { requestId: randomUUID(), caseId, purpose, clerk: clerk.login };
    const req = { requestId: this.signature.requestId, caseId, purpose };
    this.events.emit('customer.signatureRequested', req);
    return req;
  }

  submitSignature(requestId: string, dataUrl: string) {
    const pending = this.signature;
    if (!pending || pending.requestId !== requestId) {
      throw new AppError('CONFLICT', '这次签名请求已经结束。', { hint: '请等待窗口工作人员重新发起签名。' });
    }
    const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    if (png.length < 64 || !png.subarray(0, 8).equals(PNG_MAGIC)) {
      throw new AppError('INVALID_INPUT', '签名图片无法识别。', { hint: '请清除后重新签名。' });
    }
    const signedAt = this.now().toISOString();
    writeTransaction(this.db, () =>
      this.db
        .prepare('INSERT OR REPLACE INTO signatures (case_id, purpose, png, sha256, clerk, signed_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(pending.caseId, pending.purpose, png, createHash('sha256').update(png).digest('hex'), pending.clerk, signedAt),
    );
    this.signature = null;
    this.events.emit('customer.signatureDone', { requestId, caseId: pending.caseId, purpose: pending.purpose });
    return { caseId: pending.caseId, purpose: pending.purpose, signedAt };
  }

  /** For document templates: the PNG as a data URL they can embed. */
  getSignature(caseId: string, purpose: SignaturePurpose): { dataUrl: string; signedAt: string; clerk: string } | null {
    const row = this.db.prepare('SELECT png, signed_at, clerk FROM signatures WHERE case_id = ? AND purpose = ?').get(caseId, purpose) as
      | { png: Buffer; signed_at: string; clerk: string }
      | undefined;
    return row ? { dataUrl: `data:image/png;base64,${row.png.toString('base64')}`, signedAt: row.signed_at, clerk: row.clerk } : null;
  }

  requestRating(caseNo: string, ticketNo: string | null, serviceStep: ServiceStep): RatingRequest {
    const clerk = this.auth.requireClerk();
    // A request the applicant walked away from is closed as 未评价 before the next one.
    if (this.rating) this.record(this.rating, null, [], '');
    this.rating = { requestId: randomUUID(), caseNo, ticketNo, serviceStep, clerk: clerk.login, windowNo: this.settings.get().windowNo };
    const req: RatingRequest = { requestId: this.rating.requestId, caseNo, ticketNo, serviceStep };
    this.events.emit('customer.ratingRequested', req);
    return req;
  }

  submitRating(requestId: string, grade: Grade, optionCodes: string[], comment: string) {
    const pending = this.pendingRating(requestId);
    const problem = checkOptionCodes(grade, optionCodes);
    if (problem) throw new AppError('RULE_VIOLATION', `${problem}。`, { hint: '请重新选择后提交。', rule: 'rating.options' });
    return this.record(pending, grade, [...new Set(optionCodes)], comment);
  }

  skipRating(requestId: string) {
    return this.record(this.pendingRating(requestId), null, [], '');
  }

  followUps(state: 'open' | 'closed' | 'all'): FollowUp[] {
    this.auth.requireRole('supervisor', 'admin');
    const rows = this.db
      .prepare(`${FOLLOW_UP_SELECT} ${state === 'all' ? '' : 'WHERE f.state = ?'} ORDER BY f.opened_at DESC`)
      .all(...(state === 'all' ? [] : [state])) as FollowUpRow[];
    return rows.map(toFollowUp);
  }

  closeFollowUp(id: string, note: string): FollowUp {
    const who = this.auth.requireRole('supervisor', 'admin');
    const done = writeTransaction(this.db, () =>
      this.db
        .prepare("UPDATE rating_follow_ups SET state = 'closed', closed_at = ?, closed_by = ?, note = ? WHERE id = ? AND state = 'open'")
        .run(this.now().toISOString(), who.login, note, id),
    );
    if (done.changes === 0) throw new AppError('NOT_FOUND', '没有找到这条未办结的差评回访。', { hint: '请刷新清单；它可能已被其他人办结。' });
    return toFollowUp(this.db.prepare(`${FOLLOW_UP_SELECT} WHERE f.id = ?`).get(id) as FollowUpRow);
  }

  private pendingRating(requestId: string): PendingRating {
    if (!this.rating || this.rating.requestId !== requestId) {
      throw new AppError('CONFLICT', '这次评价已经结束。', { hint: '感谢您的评价；如需再次评价请告知窗口工作人员。' });
    }
    return this.rating;
  }

  private record(p: PendingRating, grade: Grade | null, optionCodes: string[], comment: string) {
    const ratingId = randomUUID();
    const at = this.now().toISOString();
    let followUp: FollowUp | null = null;
    try {
      writeTransaction(this.db, () => {
        this.db
          .prepare(
            `INSERT INTO ratings (id, case_no, ticket_no, service_step, grade, option_codes, comment, channel, clerk, window_no, at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(ratingId, p.caseNo, p.ticketNo, p.serviceStep, grade, JSON.stringify(optionCodes), comment, RATING_CHANNEL_EVALUATOR, p.clerk, p.windowNo, at);
        appendOutbox(this.db, {
          type: 'rating.submitted',
          schemaVersion: 1,
          aggregateId: p.caseNo,
          payload: {
            ratingId,
            caseNo: p.caseNo,
            ticketNo: p.ticketNo,
            serviceStep: p.serviceStep,
            grade,
            optionCodes,
            comment,
            channel: RATING_CHANNEL_EVALUATOR,
            at,
            clerk: p.clerk,
            windowNo: p.windowNo,
          },
          at,
        });
        if (isBadGrade(grade)) {
          const id = randomUUID();
          this.db.prepare('INSERT INTO rating_follow_ups (id, rating_id, opened_at) VALUES (?, ?, ?)').run(id, ratingId, at);
          followUp = toFollowUp(this.db.prepare(`${FOLLOW_UP_SELECT} WHERE f.id = ?`).get(id) as FollowUpRow);
        }
      });
    } catch (error) {
      if (/UNIQUE constraint failed: ratings/.test(String((error as Error).message))) {
        this.rating = null;
        throw new AppError('CONFLICT', '本次服务已经评价过（一次一评）。', { hint: '每个办理环节只评价一次。' });
      }
      throw error;
    }
    this.rating = null;
    this.events.emit('customer.ratingDone', { requestId: p.requestId, caseNo: p.caseNo, serviceStep: p.serviceStep, grade });
    const opened = followUp as FollowUp | null;
    if (opened) this.events.emit('ratings.followUpOpened', opened);
    return { ratingId, grade, followUpId: opened?.id ?? null };
  }
}
