import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import type { CaseDetail, CaseDocument, CaseListRow, DecisionResult, Party, SaveDraftInput } from '../../../shared/contract/cases';
import type { WorkCalendar} from '../../../shared/domain/calendar/working-days';
import { correctionNoticeRule, daysIn, deadlineState, dueDate } from '../../../shared/domain/calendar/working-days';
import { formatCaseNo, queryPasswordFrom } from '../../../shared/domain/cases/case-number';
import {
  type CaseMaterial,
  type MaterialRequirement,
  assertAcceptable,
  checkMaterialState,
  checkRongqueDeadline,
  mergeMaterials,
  summarizeMaterials,
} from '../../../shared/domain/cases/materials';
import { type CaseAction, actionLabels, allowedActions, nextStatus, statusCodeFor, statusLabels } from '../../../shared/domain/cases/status';
import { checkResidentId, checkUscc, localToday } from '../../../shared/domain/idcard/numbers';
import { maskIdNumber } from '../../../shared/domain/redact';
import { appendAudit } from '../audit/audit-log';
import { loadWorkCalendar } from '../calendar/calendar-store';
import type { CatalogService } from '../catalog/catalog-service';
import { type DB, writeTransaction } from '../db/connection';
import type { EventHub } from '../events';
import { appendOutbox, hasUnsentOps } from '../outbox/outbox';
import type { SettingsService } from '../settings/settings-service';
import { type CaseRecord, loadCase, storeCase } from './case-rows';
import { type DocumentType, documentContent, documentTypes } from './case-documents';

export interface CaseServiceDeps {
  db: DB;
  catalog: CatalogService;
  settings: SettingsService;
  events: EventHub;
  /** Who is acting: the signed-in clerk (falls back to the window's configured name). */
  actor?: () => string;
  /** SHA-256s of a case's attachments, uploaded before its ops (capture owns attachments). */
  blobRefs?: (caseId: string) => string[];
  /** The applicant's signature from the customer screen (PNG data URL), if one was given. */
  signature?: (caseId: string, purpose: 'rongque' | 'promise' | 'deliver') => string | null;
  now?: () => Date;
}

const POWER_OF_ATTORNEY = 'power-of-attorney';
/** Documents the applicant signs, and the customer-screen signature that goes on them. */
const signedBy: Partial<Record<DocumentType, 'rongque' | 'promise' | 'deliver'>> = { rongqueCommitment: 'rongque', promise: 'promise', handover: 'deliver' };
const editable = new Set(['draft', 'received', 'correcting', 'corrected']);
const emptyParty: Party = { kind: 'person', name: '', certType: '111', certNo: '' };
export const CASE_OP_SCHEMA = 1;

/**
 * Cases (办件): drafts, the clerk's decisions and the platform's status changes. Every decision
 * is one transaction: case row + materials + case_events + document + outbox op + audit row.
 */
export class CaseService {
  private calendar: WorkCalendar;
  private readonly now: () => Date;

  constructor(private readonly deps: CaseServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.calendar = loadWorkCalendar(deps.db);
  }

  /** After the platform delivers a new calendar. */
  reloadCalendar(): void {
    this.calendar = loadWorkCalendar(this.deps.db);
  }

  private actor(): string {
    return this.deps.actor?.() || this.deps.settings.get().clerkName || `${this.deps.settings.get().windowNo}号窗口`;
  }

  private load(caseId: string): CaseRecord {
    const c = loadCase(this.deps.db, caseId);
    if (!c) throw new AppError('NOT_FOUND', '找不到该办件。', { hint: '请在办件查询中重新查找；草稿可能已被放弃。' });
    return c;
  }

  // ── drafts ────────────────────────────────────────────────────────────────────────────────

  saveDraft(input: SaveDraftInput): CaseDetail {
    const at = this.now().toISOString();
    const id = writeTransaction(this.deps.db, () => {
      const existing = input.caseId ? this.load(input.caseId) : undefined;
      if (existing && !editable.has(existing.status))
        throw new AppError('CONFLICT', `办件已${statusLabels[existing.status]}，不能再修改。`, { hint: '如需更正，请在办件详情中查看可执行的操作。', rule: 'case.editable' });
      if (existing && input.draftRev !== undefined && input.draftRev !== existing.draftRev)
        throw new AppError('CONFLICT', '该办件已在其他窗口页面修改过。', { hint: '请刷新后再继续；您的输入不会丢失之前已保存的内容。', rule: 'case.draftRev' });
      const s = this.deps.settings.get();
      const c: CaseRecord = existing ?? {
        id: randomUUID(),
        caseNo: null,
        queryPassword: null,
        status: 'draft',
        statusCode: null,
        applicantId: null,
        applicant: emptyParty,
        agent: null,
        bundleId: null,
        channel: 'window',
        receiveRegion: s.hallCode,
        handleRegion: s.hallCode,
        handleDept: null,
        catalogVersion: this.deps.catalog.meta().version,
        form: {},
        promiseLimit: null,
        promiseUnit: null,
        receivedAt: null,
        acceptedAt: null,
        promiseDue: null,
        rongqueDeadline: null,
        rongqueCommitment: null,
        decision: null,
        resultCode: null,
        delivery: null,
        clerkName: this.actor(),
        windowNo: s.windowNo,
        ticketNo: null,
        platformNo: null,
        draftRev: 0,
        createdAt: at,
        updatedAt: at,
        items: [],
        materials: [],
      };
      if (input.applicant) c.applicant = input.applicant;
      if (input.agent !== undefined) c.agent = input.agent;
      if (input.ticketNo !== undefined) c.ticketNo = input.ticketNo;
      if (input.channel) c.channel = input.channel;
      if (input.handleRegion) c.handleRegion = input.handleRegion;
      if (input.form) c.form = { ...c.form, ...input.form };
      const itemsChanged = input.itemIds !== undefined || input.bundleId !== undefined;
      if (itemsChanged && c.status !== 'draft')
        throw new AppError('CONFLICT', '已收件的办件不能更换事项。', { hint: '如事项选错，请撤件后重新办理。', rule: 'case.items' });
      if (itemsChanged || input.agent !== undefined) this.rebuildMaterials(c, input);
      for (const p of input.materials ?? []) {
        const m = c.materials.find((x) => x.key === p.key);
        if (!m) throw new AppError('NOT_FOUND', '材料清单已变化，请刷新后再勾选。', { rule: 'material.key' });
        if (p.state !== 'missing' && p.state !== 'defective' && p.state !== 'paper' && p.state !== 'electronic' && p.state !== 'paperAndElectronic') checkMaterialState(m, p.state);
        m.state = p.state;
        m.count = p.count ?? (p.state === 'paper' || p.state === 'paperAndElectronic' ? Math.max(m.count, m.copiesRequired) : m.count);
        if (p.note !== undefined) m.note = p.note;
      }
      c.draftRev++;
      c.updatedAt = at;
      storeCase(this.deps.db, c);
      if (!existing) appendAudit(this.deps.db, { actor: this.actor(), action: 'case.draftCreated', target: c.id }, at);
      return c.id;
    });
    return this.get(id);
  }

  /** Items (or a bundle) → the merged checklist; states the clerk already set are kept by key. */
  private rebuildMaterials(c: CaseRecord, input: SaveDraftInput): void {
    let itemIds = c.items.map((i) => i.itemId);
    if (input.bundleId) {
      const bundle = this.deps.catalog.bundle(input.bundleId);
      c.bundleId = bundle.id;
      itemIds = bundle.items.map((i) => i.itemId);
      c.promiseLimit = bundle.promiseLimit;
      c.promiseUnit = bundle.promiseUnit;
    } else if (input.itemIds) {
      c.bundleId = null;
      itemIds = input.itemIds;
    } else if (input.bundleId === null) {
      c.bundleId = null;
    }
    const items = itemIds.map((id) => this.deps.catalog.item(id));
    c.items = items.map((it) => ({ itemId: it.id, version: it.version, name: it.name }));
    if (!c.bundleId) {
      const slowest = items.reduce<(typeof items)[number] | undefined>((a, it) => (a && a.promiseLimit >= it.promiseLimit ? a : it), undefined);
      c.promiseLimit = slowest?.promiseLimit ?? null;
      c.promiseUnit = slowest?.promiseUnit ?? null;
    }
    const requirements: MaterialRequirement[] = items.flatMap((it) =>
      it.materials.map((m) => ({
        id: m.id,
        itemId: it.id,
        name: m.name,
        sharedKey: m.sharedKey,
        necessity: m.necessity,
        copies: m.copies,
        allowRongque: m.allowRongque,
        allowPromise: m.allowPromise,
        elicenseType: m.elicenseType,
      })),
    );
    const merged = mergeMaterials(requirements);
    // An agent acts only with the applicant's 委托书: required as soon as there is one.
    const poa = merged.find((m) => m.key === POWER_OF_ATTORNEY);
    if (c.agent) {
      if (poa) poa.necessity = 'required';
      else merged.push({ key: POWER_OF_ATTORNEY, name: '授权委托书及代理人身份证明', necessity: 'required', copiesRequired: 1, allowRongque: false, allowPromise: false, elicenseType: null, itemIds: [] });
    }
    const old = new Map(c.materials.map((m) => [m.key, m]));
    c.materials = merged.map((m) => {
      const prev = old.get(m.key);
      return { ...m, state: prev?.state ?? 'missing', count: prev?.count ?? 0, note: prev?.note ?? '' };
    });
  }

  discardDraft(caseId: string): { discarded: boolean } {
    return writeTransaction(this.deps.db, () => {
      const c = loadCase(this.deps.db, caseId);
      if (!c) return { discarded: false };
      if (c.status !== 'draft') throw new AppError('CONFLICT', '已办理的办件不能放弃，只能撤件。', { rule: 'case.discard' });
      this.deps.db.prepare('DELETE FROM cases WHERE id = ?').run(caseId);
      appendAudit(this.deps.db, { actor: this.actor(), action: 'case.draftDiscarded', target: caseId }, this.now().toISOString());
      return { discarded: true };
    });
  }

  // ── decisions ─────────────────────────────────────────────────────────────────────────────

  receive(caseId: string): DecisionResult {
    return this.decide(caseId, 'receive', (c, ctx) => {
      c.receivedAt = ctx.at;
      const rule = correctionNoticeRule(this.calendar, ctx.today, ctx.today);
      return { documents: [{ type: 'receipt', extra: { noticeDue: rule.noticeDue } }] };
    });
  }

  accept(caseId: string): DecisionResult {
    return this.decide(caseId, 'accept', (c, ctx) => {
      assertAcceptable(summarizeMaterials(c.materials), false);
      this.startClock(c, ctx);
      const docs: PendingDocument[] = [{ type: 'acceptance' }];
      if (c.materials.some((m) => m.state === 'promise')) docs.push({ type: 'promise', extra: { promised: c.materials.filter((m) => m.state === 'promise').map((m) => m.name) } });
      return { documents: docs };
    });
  }

  acceptRongque(caseId: string, deadline: string): DecisionResult {
    return this.decide(caseId, 'acceptRongque', (c, ctx) => {
      const summary = summarizeMaterials(c.materials);
      assertAcceptable(summary, true);
      this.startClock(c, ctx);
      checkRongqueDeadline(deadline, ctx.today, c.promiseDue ?? ctx.today);
      c.rongqueDeadline = deadline;
      c.rongqueCommitment = { signed: true, at: ctx.at, materials: summary.rongque.map((m) => m.name) };
      const extra = { rongqueMaterials: summary.rongque.map((m) => m.name), rongqueDeadline: deadline, copies: 2 };
      return { documents: [{ type: 'rongque', extra }, { type: 'rongqueCommitment', extra }], detail: { rongqueDeadline: deadline } };
    });
  }

  notifyCorrection(caseId: string, note?: string): DecisionResult {
    return this.decide(caseId, 'notifyCorrection', (c, ctx) => {
      const summary = summarizeMaterials(c.materials);
      const owed = [...summary.missing, ...summary.defective];
      if (owed.length === 0)
        throw new AppError('RULE_VIOLATION', '材料已齐全且符合要求，无需一次性告知。', { rule: 'correction.nothingMissing', hint: '请直接受理。' });
      c.receivedAt ??= ctx.at;
      const list = owed.map((m) => ({ name: m.name, problem: m.state === 'defective' ? `不符合要求${m.note ? `：${m.note}` : ''}` : '未提交', copies: m.copiesRequired }));
      c.decision = { kind: 'correction', materials: list, note: note ?? '' };
      return { documents: [{ type: 'correction', extra: { owed: list, note: note ?? '' } }], detail: { owed: list } };
    });
  }

  correctionReceived(caseId: string): DecisionResult {
    return this.decide(caseId, 'correctionReceived', () => ({ documents: [] }));
  }

  refuse(caseId: string, reason: string, competentAuthority?: string): DecisionResult {
    return this.decide(caseId, 'refuse', (c, ctx) => {
      c.receivedAt ??= ctx.at;
      c.decision = { kind: 'refusal', reason, competentAuthority: competentAuthority ?? null };
      return {
        documents: [{ type: 'refusal', extra: { reason, competentAuthority: competentAuthority ?? null } }],
        detail: { reason, competentAuthority: competentAuthority ?? null },
        note: reason,
      };
    });
  }

  withdraw(caseId: string, reason: string): DecisionResult {
    return this.decide(caseId, 'withdraw', () => ({ documents: [], detail: { reason }, note: reason }), { validateParty: false });
  }

  deliver(
    caseId: string,
    input: { mode: 'pickup' | 'mail'; collector?: { role: 'applicant' | 'agent'; name: string; certNo: string }; powerOfAttorneyChecked?: boolean; mail?: { recipient: string; phone: string; address: string; waybillNo: string } },
  ): DecisionResult {
    return this.decide(
      caseId,
      'deliver',
      (c, ctx) => {
        if (input.mode === 'pickup') {
          const who = input.collector;
          if (!who) throw new AppError('INVALID_INPUT', '请读取领取人身份证。', { rule: 'deliver.collector', fields: { collector: '请读取或录入领取人身份证' } });
          const check = checkResidentId(who.certNo);
          if (!check.ok) throw new AppError('RULE_VIOLATION', `领取人身份证号有误：${check.errors.join('')}`, { rule: 'deliver.collector', fields: { 'collector.certNo': check.errors.join('') } });
          if (who.role === 'applicant' && check.normalized !== c.applicant.certNo.toUpperCase())
            throw new AppError('RULE_VIOLATION', '领取人不是申请人本人。', { rule: 'deliver.identity', hint: '如为他人代领，请选择「代领」并核验委托书。' });
          if (who.role === 'agent' && !input.powerOfAttorneyChecked)
            throw new AppError('RULE_VIOLATION', '代领须核验申请人签署的委托书。', { rule: 'deliver.powerOfAttorney', hint: '请收取委托书原件并勾选「已核验委托书」。' });
          c.delivery = { mode: 'pickup', at: ctx.at, collector: { role: who.role, name: who.name, certNo: maskIdNumber(check.normalized ?? who.certNo) }, powerOfAttorney: who.role === 'agent' };
          return { documents: [{ type: 'handover', extra: { delivery: c.delivery } }], detail: { mode: 'pickup', role: who.role } };
        }
        if (!input.mail) throw new AppError('INVALID_INPUT', '请填写邮寄信息。', { rule: 'deliver.mail', fields: { mail: '请填写收件人、电话、地址和运单号' } });
        c.delivery = { mode: 'mail', at: ctx.at, ...input.mail };
        return { documents: [{ type: 'mailing', extra: { delivery: c.delivery } }], detail: { mode: 'mail', waybillNo: input.mail.waybillNo } };
      },
      { validateParty: false },
    );
  }

  /**
   * A status the platform reports (部门受理 / 特别程序 / 办结). A case with ops the platform has
   * not acknowledged is not touched ('deferred'): the local state is newer than what it saw.
   */
  applyPlatformStatus(change: { caseNo: string; statusCode: 8 | 9 | 10 | 11 | 12 | 13; at: string; note?: string; platformNo?: string }): { result: 'applied' | 'deferred' | 'duplicate' } {
    const db = this.deps.db;
    const row = db.prepare('SELECT id FROM cases WHERE case_no = ?').get(change.caseNo) as { id: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `本机没有受理号为 ${change.caseNo} 的办件。`, { rule: 'platform.case' });
    if (hasUnsentOps(db, row.id)) return { result: 'deferred' };
    const seen = db.prepare('SELECT 1 FROM case_events WHERE case_id = ? AND status_code = ? AND at = ? LIMIT 1').get(row.id, change.statusCode, change.at);
    if (seen) return { result: 'duplicate' };
    const action: CaseAction = change.statusCode === 8 ? 'departmentAccept' : change.statusCode === 9 ? 'specialStart' : change.statusCode === 10 ? 'specialEnd' : 'conclude';
    this.decide(
      row.id,
      action,
      (c) => {
        if (change.platformNo) c.platformNo = change.platformNo;
        if (action === 'conclude') c.resultCode = change.statusCode;
        return { documents: [], note: change.note ?? '', detail: { platform: true }, resultCode: action === 'conclude' ? (change.statusCode as 11 | 12 | 13) : undefined, at: change.at };
      },
      { validateParty: false, fromPlatform: true },
    );
    return { result: 'applied' };
  }

  private startClock(c: CaseRecord, ctx: DecisionCtx): void {
    c.receivedAt ??= ctx.at;
    c.acceptedAt = ctx.at;
    c.promiseDue = c.promiseLimit && c.promiseLimit > 0 ? dueDate(this.calendar, ctx.today, c.promiseLimit, c.promiseUnit ?? 'workday') : ctx.today;
  }

  private decide(
    caseId: string,
    action: CaseAction,
    apply: (c: CaseRecord, ctx: DecisionCtx) => DecisionOutcome,
    options: { validateParty?: boolean; fromPlatform?: boolean } = {},
  ): DecisionResult {
    const db = this.deps.db;
    const settings = this.deps.settings.get();
    const nowDate = this.now();
    const ctx: DecisionCtx = { at: nowDate.toISOString(), today: localToday(nowDate) };
    const documentIds = writeTransaction(db, () => {
      const c = this.load(caseId);
      const from = c.status;
      const to = nextStatus(from, action);
      if (options.validateParty !== false) {
        this.validateForDecision(c);
        if (from === 'draft') this.assertCatalogCurrent(c);
      }
      const outcome = apply(c, ctx);
      const eventAt = outcome.at ?? ctx.at;
      const actor = options.fromPlatform ? '政务服务平台' : this.actor();
      if (!c.caseNo) {
        const day = ctx.today;
        const { last } = db
          .prepare('INSERT INTO case_number_seq (day, window_no, last) VALUES (?, ?, 1) ON CONFLICT (day, window_no) DO UPDATE SET last = last + 1 RETURNING last')
          .get(day, c.windowNo) as { last: number };
        c.caseNo = formatCaseNo(settings.hallCode, day, c.windowNo, last);
        c.queryPassword = queryPasswordFrom(randomBytes(16));
        c.clerkName = actor;
        for (const it of c.items) this.deps.catalog.recordUse(it.itemId, ctx.at);
        if (c.bundleId) this.deps.catalog.recordUse(c.bundleId, ctx.at);
      }
      if (!options.fromPlatform && c.applicant.certNo) c.applicantId = this.rememberApplicant(c.applicant, ctx.at);
      const statusCode = statusCodeFor(action, from, outcome.resultCode);
      c.status = to;
      c.statusCode = statusCode;
      c.updatedAt = ctx.at;
      storeCase(db, c);
      db.prepare('INSERT INTO case_events (case_id, action, from_status, to_status, status_code, at, actor, note, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        c.id,
        action,
        from,
        to,
        statusCode,
        eventAt,
        actor,
        outcome.note ?? '',
        JSON.stringify(outcome.detail ?? {}),
      );
      const summary = summarizeMaterials(c.materials);
      const ids: string[] = [];
      for (const d of outcome.documents) {
        const n = (db.prepare('SELECT count(*) AS n FROM case_documents WHERE case_id = ? AND doc_type = ?').get(c.id, d.type) as { n: number }).n + 1;
        const id = randomUUID();
        const docNo = `${documentTypes[d.type].prefix}${c.caseNo}${n > 1 ? `-${n}` : ''}`;
        // The signature given on the customer screen is part of the document as issued.
        const purpose = signedBy[d.type];
        const signature = purpose ? (this.deps.signature?.(c.id, purpose) ?? null) : null;
        const content = documentContent(d.type, c, summary, { hallName: settings.hallName, hallCode: settings.hallCode, at: ctx.at, today: ctx.today }, { docNo, ...d.extra, ...(signature ? { signature } : {}) });
        db.prepare('INSERT INTO case_documents (id, case_id, doc_type, doc_no, content, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, c.id, d.type, docNo, JSON.stringify(content), ctx.at);
        ids.push(id);
      }
      if (!options.fromPlatform) {
        appendOutbox(db, {
          type: 'case.event',
          schemaVersion: CASE_OP_SCHEMA,
          aggregateId: c.id,
          at: ctx.at,
          blobRefs: this.deps.blobRefs?.(c.id) ?? [],
          payload: {
            caseId: c.id,
            caseNo: c.caseNo,
            queryPassword: c.queryPassword,
            action,
            status: to,
            statusCode,
            at: eventAt,
            clerk: actor,
            windowNo: c.windowNo,
            hallCode: settings.hallCode,
            applicant: c.applicant,
            agent: c.agent,
            items: c.items,
            bundleId: c.bundleId,
            materials: c.materials.map((m) => ({ key: m.key, name: m.name, state: m.state, count: m.count })),
            promiseDue: c.promiseDue,
            detail: outcome.detail ?? {},
          },
        });
      }
      appendAudit(db, { actor, action: `case.${action}`, target: c.caseNo ?? c.id, detail: { from, to, statusCode } }, ctx.at);
      return ids;
    });
    const detail = this.get(caseId);
    this.deps.events.emit('cases.changed', { caseId, caseNo: detail.caseNo, status: detail.status });
    return { case: detail, documents: detail.documents.filter((d) => documentIds.includes(d.id)) };
  }

  /** 受理 and its siblings need a real applicant: name and a number that passes its check. */
  private validateForDecision(c: CaseRecord): void {
    const fields: Record<string, string> = {};
    if (c.items.length === 0) throw new AppError('RULE_VIOLATION', '请先选择办理事项。', { rule: 'case.items' });
    const check = (p: Party, path: string) => {
      if (!p.name.trim()) fields[`${path}.name`] = p.kind === 'org' ? '请填写单位名称' : '请填写姓名';
      if (p.certType === '111') {
        const r = checkResidentId(p.certNo);
        if (!r.ok) fields[`${path}.certNo`] = r.errors.join('');
      } else if (p.certType === '001') {
        const r = checkUscc(p.certNo);
        if (!r.ok) fields[`${path}.certNo`] = r.errors.join('');
      } else if (!p.certNo.trim()) fields[`${path}.certNo`] = '请填写证件号码';
    };
    check(c.applicant, 'applicant');
    if (c.agent) check(c.agent, 'agent');
    if (Object.keys(fields).length > 0)
      throw new AppError('RULE_VIOLATION', `申请信息有误：${Object.values(fields).join('；')}`, { rule: 'case.party', fields, hint: '请核对证件后再办理。' });
  }

  /** A draft started under an older 办事指南 must be checked against the current one first. */
  private assertCatalogCurrent(c: CaseRecord): void {
    for (const it of c.items) {
      const current = this.deps.catalog.item(it.itemId);
      if (current.version !== it.version)
        throw new AppError('CONFLICT', `事项「${it.name}」的办事指南已更新（版本 ${it.version} → ${current.version}）。`, {
          rule: 'catalog.stale',
          hint: '请重新选择该事项，核对更新后的材料清单后再办理。',
        });
    }
  }

  /** 一人一档: the applicant record; phone and address kept only with consent. */
  private rememberApplicant(p: Party, at: string): string {
    const db = this.deps.db;
    const existing = db.prepare('SELECT id FROM applicants WHERE cert_type = ? AND cert_no = ?').get(p.certType, p.certNo.toUpperCase()) as { id: string } | undefined;
    const id = existing?.id ?? randomUUID();
    const consent = p.consentReuse === true;
    db.prepare(
      `INSERT INTO applicants (id, kind, cert_type, cert_no, name, phone, address, consent_reuse, consent_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (cert_type, cert_no) DO UPDATE SET name = excluded.name, phone = excluded.phone, address = excluded.address,
         consent_reuse = excluded.consent_reuse, consent_at = excluded.consent_at, updated_at = excluded.updated_at`,
    ).run(id, p.kind, p.certType, p.certNo.toUpperCase(), p.name, consent ? (p.phone ?? null) : null, consent ? (p.address ?? null) : null, consent ? 1 : 0, consent ? at : null, at);
    return id;
  }

  /**
   * 受理号 of today's cases opened for a queue ticket (办结 of the ticket links them, so the hall
   * can see which cases one 取号 produced).
   */
  caseNosForTicket(ticketNo: string): string[] {
    // Ticket labels restart every day; the 受理号 carries the local day (chars 7–14).
    const day = localToday(this.now()).replaceAll('-', '');
    const rows = this.deps.db
      .prepare('SELECT case_no FROM cases WHERE ticket_no = ? AND substr(case_no, 7, 8) = ? ORDER BY case_no')
      .all(ticketNo, day) as { case_no: string }[];
    return rows.map((r) => r.case_no);
  }

  lookupApplicant(certType: string, certNo: string): { found: boolean; name?: string; phone?: string; address?: string; cases: number } {
    const r = this.deps.db.prepare('SELECT id, name, phone, address, consent_reuse FROM applicants WHERE cert_type = ? AND cert_no = ?').get(certType, certNo.toUpperCase()) as
      | { id: string; name: string; phone: string | null; address: string | null; consent_reuse: number }
      | undefined;
    if (!r) return { found: false, cases: 0 };
    const { n } = this.deps.db.prepare('SELECT count(*) AS n FROM cases WHERE applicant_id = ?').get(r.id) as { n: number };
    return { found: true, name: r.name, cases: n, ...(r.consent_reuse === 1 ? { ...(r.phone ? { phone: r.phone } : {}), ...(r.address ? { address: r.address } : {}) } : {}) };
  }

  logPrint(documentId: string, via: 'printer' | 'pdf', copies: number): { prints: number } {
    return writeTransaction(this.deps.db, () => {
      const doc = this.deps.db.prepare('SELECT doc_no FROM case_documents WHERE id = ?').get(documentId) as { doc_no: string } | undefined;
      if (!doc) throw new AppError('NOT_FOUND', '找不到该文书。');
      const at = this.now().toISOString();
      this.deps.db.prepare('INSERT INTO document_prints (document_id, printed_at, actor, via, copies) VALUES (?, ?, ?, ?, ?)').run(documentId, at, this.actor(), via, copies);
      appendAudit(this.deps.db, { actor: this.actor(), action: 'document.print', target: doc.doc_no, detail: { via, copies } }, at);
      return this.deps.db.prepare('SELECT count(*) AS prints FROM document_prints WHERE document_id = ?').get(documentId) as { prints: number };
    });
  }

  // ── reads ─────────────────────────────────────────────────────────────────────────────────

  get(caseId: string): CaseDetail {
    const db = this.deps.db;
    const c = this.load(caseId);
    const summary = summarizeMaterials(c.materials);
    const events = (db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY id').all(caseId) as Record<string, unknown>[]).map((e) => ({
      id: e.id as number,
      action: e.action as string,
      actionLabel: actionLabels[e.action as CaseAction] ?? (e.action as string),
      fromStatus: e.from_status as string,
      toStatus: e.to_status as string,
      statusCode: e.status_code as number | null,
      at: e.at as string,
      actor: e.actor as string,
      note: e.note as string,
    }));
    const documents: CaseDocument[] = (
      db
        .prepare('SELECT d.*, (SELECT count(*) FROM document_prints p WHERE p.document_id = d.id) AS prints FROM case_documents d WHERE case_id = ? ORDER BY d.rowid')
        .all(caseId) as Record<string, unknown>[]
    ).map((d) => ({
      id: d.id as string,
      docType: d.doc_type as string,
      docNo: d.doc_no as string,
      createdAt: d.created_at as string,
      prints: d.prints as number,
      content: JSON.parse(d.content as string) as Record<string, unknown>,
    }));
    const today = localToday(this.now());
    const bundleName = c.bundleId ? ((db.prepare('SELECT name FROM catalog_bundles WHERE id = ?').get(c.bundleId) as { name: string } | undefined)?.name ?? c.bundleId) : null;
    return {
      id: c.id,
      caseNo: c.caseNo,
      queryPassword: c.queryPassword,
      status: c.status,
      statusLabel: statusLabels[c.status],
      applicant: c.applicant,
      agent: c.agent,
      bundle: c.bundleId ? { id: c.bundleId, name: bundleName ?? c.bundleId } : null,
      items: c.items,
      materials: c.materials,
      summary: {
        counts: summary.counts,
        missing: summary.missing.map((m) => m.name),
        defective: summary.defective.map((m) => m.name),
        canAccept: summary.canAccept,
        canAcceptRongque: summary.canAcceptRongque,
      },
      form: c.form,
      channel: c.channel,
      receiveRegion: c.receiveRegion,
      handleRegion: c.handleRegion,
      promiseLimit: c.promiseLimit,
      promiseUnit: c.promiseUnit,
      promiseDue: c.promiseDue,
      deadline: this.deadline(c, events, today),
      correctionNotice: c.status === 'received' && c.receivedAt ? correctionNoticeRule(this.calendar, localToday(new Date(c.receivedAt)), today) : null,
      receivedAt: c.receivedAt,
      acceptedAt: c.acceptedAt,
      rongqueDeadline: c.rongqueDeadline,
      decision: c.decision,
      resultCode: c.resultCode,
      delivery: c.delivery,
      clerkName: c.clerkName,
      windowNo: c.windowNo,
      ticketNo: c.ticketNo,
      platformNo: c.platformNo,
      catalogVersion: c.catalogVersion,
      draftRev: c.draftRev,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      allowedActions: allowedActions(c.status),
      events,
      documents,
    };
  }

  /** Countdown for accepted cases still in the back office; 特别程序 spans stop the clock. */
  private deadline(c: CaseRecord, events: { action: string; at: string }[], today: string): CaseDetail['deadline'] {
    if (!c.acceptedAt || !c.promiseLimit || !['accepted', 'departmentAccepted', 'special', 'specialEnded'].includes(c.status)) return null;
    const paused = new Set<string>();
    let start: string | null = null;
    for (const e of events) {
      if (e.action === 'specialStart') start = localToday(new Date(e.at));
      if (e.action === 'specialEnd' && start) {
        for (const d of daysIn(start, localToday(new Date(e.at)))) paused.add(d);
        start = null;
      }
    }
    if (start) for (const d of daysIn(start, today)) paused.add(d);
    const due = dueDate(this.calendar, localToday(new Date(c.acceptedAt)), c.promiseLimit, c.promiseUnit ?? 'workday', paused);
    return { due, ...deadlineState(this.calendar, today, due), paused: c.status === 'special' };
  }

  list(q: { query?: string; status?: string[]; from?: string; to?: string; todayOnly?: boolean; limit: number; offset: number }): { rows: CaseListRow[]; total: number } {
    const where: string[] = [];
    const args: unknown[] = [];
    const text = q.query?.trim();
    if (text) {
      if (/^\d{6}\*+\d{3}[\dXx]$/.test(text)) {
        where.push('c.applicant_id IN (SELECT id FROM applicants WHERE cert_no LIKE ?)');
        args.push(text.replace(/\*/g, '_').toUpperCase());
      } else if (/^[\dXx]{4,}$/.test(text)) {
        where.push('(c.case_no LIKE ? OR c.applicant_id IN (SELECT id FROM applicants WHERE cert_no LIKE ?))');
        args.push(`${text}%`, `%${text.toUpperCase()}`);
      } else {
        where.push("(json_extract(c.applicant, '$.name') LIKE ? OR c.applicant_id IN (SELECT id FROM applicants WHERE name LIKE ?))");
        args.push(`%${text}%`, `%${text}%`);
      }
    }
    if (q.status && q.status.length > 0) {
      where.push(`c.status IN (${q.status.map(() => '?').join(',')})`);
      args.push(...q.status);
    }
    if (q.todayOnly) {
      const t = localToday(this.now());
      where.push('c.updated_at >= ?');
      args.push(new Date(`${t}T00:00:00`).toISOString());
    }
    if (q.from) {
      where.push('c.created_at >= ?');
      args.push(new Date(`${q.from}T00:00:00`).toISOString());
    }
    if (q.to) {
      where.push('c.created_at < ?');
      args.push(new Date(new Date(`${q.to}T00:00:00`).getTime() + 86_400_000).toISOString());
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.deps.db.prepare(`SELECT count(*) AS n FROM cases c ${w}`).get(...args) as { n: number }).n;
    const rows = this.deps.db
      .prepare(
        `SELECT c.id, c.case_no, c.status, c.applicant, c.promise_due, c.updated_at, c.clerk_name,
           (SELECT group_concat(item_name, '、') FROM case_items i WHERE i.case_id = c.id) AS item_names
         FROM cases c ${w} ORDER BY c.updated_at DESC LIMIT ? OFFSET ?`,
      )
      .all(...args, q.limit, q.offset) as Record<string, unknown>[];
    const today = localToday(this.now());
    return {
      total,
      rows: rows.map((r) => {
        const applicant = JSON.parse(r.applicant as string) as Party;
        const status = r.status as CaseRecord['status'];
        const due = r.promise_due as string | null;
        const open = ['accepted', 'departmentAccepted', 'special', 'specialEnded'].includes(status);
        const state = due && open ? deadlineState(this.calendar, today, due) : null;
        return {
          id: r.id as string,
          caseNo: r.case_no as string | null,
          status,
          statusLabel: statusLabels[status],
          applicantName: applicant.name,
          certNoMasked: applicant.certNo ? maskIdNumber(applicant.certNo) : '',
          itemNames: (r.item_names as string | null) ?? '',
          promiseDue: due,
          deadlineLevel: state?.level ?? null,
          workingDaysLeft: state?.left ?? null,
          updatedAt: r.updated_at as string,
          clerkName: r.clerk_name as string,
        };
      }),
    };
  }
}

interface DecisionCtx {
  at: string;
  today: string;
}
interface PendingDocument {
  type: DocumentType;
  extra?: Record<string, unknown>;
}
interface DecisionOutcome {
  documents: PendingDocument[];
  detail?: Record<string, unknown>;
  note?: string;
  resultCode?: 11 | 12 | 13 | undefined;
  /** Event time when it is not now (the platform's). */
  at?: string;
}
export type { CaseMaterial };
