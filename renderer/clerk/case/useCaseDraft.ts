import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseDetail, Party, SaveDraftInput } from '../../../shared/contract/cases';
import { call } from '../../lib/client';

const CURRENT = 'hall.currentCase';

/**
 * The case being worked on: its id survives a reload (sessionStorage), and everything typed is
 * saved to the draft in SQLite half a second after the last keystroke, so nothing is lost.
 */
export function useCaseDraft() {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const pending = useRef<SaveDraftInput>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const caseId = useRef<string | null>(sessionStorage.getItem(CURRENT));
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    if (!caseId.current) return;
    call('cases.get', { caseId: caseId.current }).then(setDetail, () => {
      sessionStorage.removeItem(CURRENT);
      caseId.current = null;
    });
  }, []);

  /** Sends what is pending, one save at a time, in order. */
  const flush = useCallback((): Promise<CaseDetail | null> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const patch = pending.current;
    pending.current = {};
    if (Object.keys(patch).length === 0 && caseId.current) return chain.current.then(() => null);
    const run = chain.current.then(async () => {
      setSaving(true);
      try {
        const d = await call('cases.saveDraft', { ...patch, ...(caseId.current ? { caseId: caseId.current } : {}) });
        caseId.current = d.id;
        sessionStorage.setItem(CURRENT, d.id);
        setDetail(d);
        setFailure(null);
        return d;
      } catch (e) {
        // Keep the patch so the next save retries it: nothing typed is dropped.
        pending.current = { ...patch, ...pending.current };
        setFailure(e);
        throw e;
      } finally {
        setSaving(false);
      }
    });
    chain.current = run.catch(() => undefined);
    return run;
  }, []);

  const update = useCallback(
    (patch: SaveDraftInput, immediate = false) => {
      pending.current = { ...pending.current, ...patch, ...(patch.form ? { form: { ...pending.current.form, ...patch.form } } : {}) };
      if (immediate) return flush();
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush().catch(() => undefined), 500);
      return Promise.resolve(null);
    },
    [flush],
  );

  const start = useCallback(async (initial: { applicant?: Party; ticketNo?: string | null } = {}) => {
    caseId.current = null;
    sessionStorage.removeItem(CURRENT);
    pending.current = {};
    setDetail(null);
    return update({ ...(initial.applicant ? { applicant: initial.applicant } : {}), ...(initial.ticketNo ? { ticketNo: initial.ticketNo } : {}) }, true);
  }, [update]);

  const close = useCallback(() => {
    caseId.current = null;
    sessionStorage.removeItem(CURRENT);
    pending.current = {};
    setDetail(null);
  }, []);

  return { detail, setDetail, saving, failure, update, flush, start, close };
}
