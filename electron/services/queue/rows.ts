import type { Appointment, Ticket } from '../../../shared/contract/queue';
import type { SuspendKind, TicketState } from '../../../shared/domain/queue/states';

/** A tickets row as SQLite returns it. */
export interface TicketRow {
  id: string;
  day: string;
  category_id: string;
  category_name: string;
  prefix: string;
  number: number;
  label: string;
  state: TicketState;
  priority_group: string | null;
  appointment: string | null;
  issued_at: number;
  order_key: number;
  back_from_suspend: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  window_no: number | null;
  clerk: string | null;
  recalls: number;
  suspend_kind: SuspendKind | null;
  suspended_at: number | null;
  suspended_ms: number;
  parent_id: string | null;
  target_window_no: number | null;
  target_clerk: string | null;
  case_nos: string;
  call_reason: string | null;
}

export const TICKET_SELECT = 'SELECT t.*, c.name AS category_name FROM tickets t JOIN categories c ON c.id = t.category_id';

export function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    label: r.label,
    day: r.day,
    categoryId: r.category_id,
    categoryName: r.category_name,
    state: r.state,
    priorityGroup: r.priority_group,
    appointment: r.appointment === null ? null : (JSON.parse(r.appointment) as Appointment),
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    windowNo: r.window_no,
    clerk: r.clerk,
    recalls: r.recalls,
    suspendKind: r.suspend_kind,
    suspendedMs: r.suspended_ms,
    parentId: r.parent_id,
    targetWindowNo: r.target_window_no,
    targetClerk: r.target_clerk,
    caseNos: JSON.parse(r.case_nos) as string[],
    callReason: r.call_reason,
  };
}

export interface WindowRow {
  window_no: number;
  clerk: string | null;
  categories: string;
  paused: number;
  pause_reason: string | null;
  ratio: string;
  free_since: number | null;
  stats_day: string | null;
  served: number;
  idle_ms: number;
}
