import { useEffect, useRef, useState } from 'react';
import type { CaseDetail } from '../../../shared/contract/cases';
import type { ServiceStep, SignaturePurpose } from '../../../shared/contract/customer';
import { materialStateLabels } from '../../../shared/domain/cases/materials';
import { maskIdNumber } from '../../../shared/domain/redact';
import { call, onEvent } from '../../lib/client';

/**
 * The workspace's side of the customer screen (评价屏): what the applicant sees of their case, the
 * rating after each service step and the signatures. The screen is an aid, not a gate: a hall
 * without one (or a call that fails) never stops the clerk's case.
 */

/** Mirrors the case on the customer screen while the clerk works on it; idle when there is none. */
export function useCustomerView(detail: CaseDetail | null): void {
  const key = detail ? JSON.stringify([detail.id, detail.caseNo, detail.status, detail.applicant.name, detail.applicant.certNo, detail.items.map((i) => i.name), detail.materials.map((m) => m.state)]) : 'idle';
  useEffect(() => {
    const t = setTimeout(() => {
      const view = detail
        ? {
            kind: 'case' as const,
            caseNo: detail.caseNo,
            applicantName: detail.applicant.name,
            idNumberMasked: detail.applicant.certNo ? maskIdNumber(detail.applicant.certNo) : '',
            items: detail.items.map((i) => i.name),
            materials: detail.materials.filter((m) => m.state !== 'missing' || m.necessity === 'required').map((m) => ({ name: m.name, state: materialStateLabels[m.state] })),
            decision: detail.status === 'draft' ? null : detail.statusLabel,
          }
        : { kind: 'idle' as const };
      call('customer.show', view).catch(() => undefined);
    }, 300);
    return () => clearTimeout(t);
    // Keyed on `key`, the part of the case the screen shows, not on every autosave of the draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}

/** 一次一评: asks for the rating of one service step; resolves to a Chinese note for the clerk. */
export async function askForRating(detail: CaseDetail, step: ServiceStep): Promise<string | null> {
  if (!detail.caseNo) return null;
  try {
    await call('customer.requestRating', { caseNo: detail.caseNo, ticketNo: detail.ticketNo, serviceStep: step });
    return '已请申请人在评价屏上评价本次服务';
  } catch {
    return null;
  }
}

/** A signature requested on the customer screen, and whether it has arrived. */
export function useSignature(caseId: string, purpose: SignaturePurpose) {
  const [state, setState] = useState<'none' | 'waiting' | 'signed' | 'failed'>('none');
  // A ref, not state: the signature can arrive before the request's reply has been rendered.
  const requestId = useRef<string | null>(null);
  const early = useRef(new Set<string>());
  useEffect(
    () =>
      onEvent('customer.signatureDone', (e) => {
        if (e.requestId === requestId.current) setState('signed');
        else early.current.add(e.requestId);
      }),
    [],
  );
  const request = () => {
    setState('waiting');
    call('customer.requestSignature', { caseId, purpose }).then(
      (r) => {
        requestId.current = r.requestId;
        if (early.current.has(r.requestId)) setState('signed');
      },
      () => setState('failed'),
    );
  };
  return { state, request };
}
