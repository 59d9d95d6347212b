import type { CaseMaterial } from '../../../shared/domain/cases/materials';
import type { CaseStatus } from '../../../shared/domain/cases/status';
import type { Party } from '../../../shared/contract/cases';
import type { DB } from '../db/connection';

/** A case as stored (migration 0030), decoded. */
export interface CaseRecord {
  id: string;
  caseNo: string | null;
  queryPassword: string | null;
  status: CaseStatus;
  statusCode: number | null;
  applicantId: string | null;
  applicant: Party;
  agent: Party | null;
  bundleId: string | null;
  channel: 'window' | 'onlinePrereview' | 'crossRegion';
  receiveRegion: string;
  handleRegion: string;
  handleDept: string | null;
  catalogVersion: string;
  form: Record<string, string | number | null>;
  promiseLimit: number | null;
  promiseUnit: 'workday' | 'day' | null;
  receivedAt: string | null;
  acceptedAt: string | null;
  promiseDue: string | null;
  rongqueDeadline: string | null;
  rongqueCommitment: Record<string, unknown> | null;
  decision: Record<string, unknown> | null;
  resultCode: number | null;
  delivery: Record<string, unknown> | null;
  clerkName: string;
  windowNo: number;
  ticketNo: string | null;
  platformNo: string | null;
  draftRev: number;
  createdAt: string;
  updatedAt: string;
  items: { itemId: string; version: number; name: string }[];
  materials: CaseMaterial[];
}

const json = <T>(s: unknown): T => (s === null || s === undefined ? (null as T) : (JSON.parse(s as string) as T));

export function loadCase(db: DB, id: string): CaseRecord | undefined {
  const r = db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!r) return undefined;
  const items = db.prepare('SELECT item_id AS itemId, item_version AS version, item_name AS name FROM case_items WHERE case_id = ? ORDER BY order_num').all(id) as CaseRecord['items'];
  const materials = (db.prepare('SELECT * FROM case_materials WHERE case_id = ? ORDER BY order_num').all(id) as Record<string, unknown>[]).map(
    (m): CaseMaterial => ({
      key: m.material_key as string,
      name: m.name as string,
      necessity: m.necessity as CaseMaterial['necessity'],
      copiesRequired: m.copies_required as number,
      allowRongque: m.allow_rongque === 1,
      allowPromise: m.allow_promise === 1,
      elicenseType: m.elicense_type as string | null,
      itemIds: json<string[]>(m.item_ids),
      state: m.state as CaseMaterial['state'],
      count: m.count as number,
      note: m.note as string,
    }),
  );
  return {
    id: r.id as string,
    caseNo: r.case_no as string | null,
    queryPassword: r.query_password as string | null,
    status: r.status as CaseStatus,
    statusCode: r.status_code as number | null,
    applicantId: r.applicant_id as string | null,
    applicant: json<Party>(r.applicant),
    agent: json<Party | null>(r.agent),
    bundleId: r.bundle_id as string | null,
    channel: r.channel as CaseRecord['channel'],
    receiveRegion: r.receive_region as string,
    handleRegion: r.handle_region as string,
    handleDept: r.handle_dept as string | null,
    catalogVersion: r.catalog_version as string,
    form: json(r.form),
    promiseLimit: r.promise_limit as number | null,
    promiseUnit: r.promise_unit as CaseRecord['promiseUnit'],
    receivedAt: r.received_at as string | null,
    acceptedAt: r.accepted_at as string | null,
    promiseDue: r.promise_due as string | null,
    rongqueDeadline: r.rongque_deadline as string | null,
    rongqueCommitment: json(r.rongque_commitment),
    decision: json(r.decision),
    resultCode: r.result_code as number | null,
    delivery: json(r.delivery),
    clerkName: r.clerk_name as string,
    windowNo: r.window_no as number,
    ticketNo: r.ticket_no as string | null,
    platformNo: r.platform_no as string | null,
    draftRev: r.draft_rev as number,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    items,
    materials,
  };
}

/** Writes the case row and replaces its items and materials: the whole aggregate, one statement set. */
export function storeCase(db: DB, c: CaseRecord): void {
  const s = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  db.prepare(
    `INSERT INTO cases (id, case_no, query_password, status, status_code, applicant_id, applicant, agent, bundle_id, channel, receive_region,
      handle_region, handle_dept, catalog_version, form, promise_limit, promise_unit, received_at, accepted_at, promise_due, rongque_deadline,
      rongque_commitment, decision, result_code, delivery, clerk_name, window_no, ticket_no, platform_no, draft_rev, created_at, updated_at)
     VALUES (@id, @caseNo, @queryPassword, @status, @statusCode, @applicantId, @applicant, @agent, @bundleId, @channel, @receiveRegion,
      @handleRegion, @handleDept, @catalogVersion, @form, @promiseLimit, @promiseUnit, @receivedAt, @acceptedAt, @promiseDue, @rongqueDeadline,
      @rongqueCommitment, @decision, @resultCode, @delivery, @clerkName, @windowNo, @ticketNo, @platformNo, @draftRev, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET case_no = excluded.case_no, query_password = excluded.query_password, status = excluded.status,
      status_code = excluded.status_code, applicant_id = excluded.applicant_id, applicant = excluded.applicant, agent = excluded.agent,
      bundle_id = excluded.bundle_id, channel = excluded.channel, handle_region = excluded.handle_region, handle_dept = excluded.handle_dept,
      catalog_version = excluded.catalog_version, form = excluded.form, promise_limit = excluded.promise_limit, promise_unit = excluded.promise_unit,
      received_at = excluded.received_at, accepted_at = excluded.accepted_at, promise_due = excluded.promise_due,
      rongque_deadline = excluded.rongque_deadline, rongque_commitment = excluded.rongque_commitment, decision = excluded.decision,
      result_code = excluded.result_code, delivery = excluded.delivery, clerk_name = excluded.clerk_name, ticket_no = excluded.ticket_no,
      platform_no = excluded.platform_no, draft_rev = excluded.draft_rev, updated_at = excluded.updated_at`,
  ).run({
    ...c,
    applicant: s(c.applicant),
    agent: s(c.agent),
    form: s(c.form),
    rongqueCommitment: s(c.rongqueCommitment),
    decision: s(c.decision),
    delivery: s(c.delivery),
  });
  db.prepare('DELETE FROM case_items WHERE case_id = ?').run(c.id);
  const item = db.prepare('INSERT INTO case_items (case_id, item_id, item_version, item_name, order_num) VALUES (?, ?, ?, ?, ?)');
  c.items.forEach((it, i) => item.run(c.id, it.itemId, it.version, it.name, i));
  db.prepare('DELETE FROM case_materials WHERE case_id = ?').run(c.id);
  const mat = db.prepare(`INSERT INTO case_materials (case_id, material_key, name, necessity, allow_rongque, allow_promise, elicense_type, copies_required,
    item_ids, order_num, state, count, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  c.materials.forEach((m, i) =>
    mat.run(c.id, m.key, m.name, m.necessity, m.allowRongque ? 1 : 0, m.allowPromise ? 1 : 0, m.elicenseType, m.copiesRequired, JSON.stringify(m.itemIds), i, m.state, m.count, m.note),
  );
}
