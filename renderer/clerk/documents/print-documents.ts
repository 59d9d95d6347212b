import type { CaseDocument } from '../../../shared/contract/cases';
import { AppError } from '../../../shared/contract/errors';
import { call, hostKind } from '../../lib/client';
import { showInPrintRoot } from './print-root';

/**
 * Prints documents through Chromium's own printing: in Electron `window.print()` is
 * `webContents.print` with the system dialog; in the browser host it is Chromium's print preview,
 * where the hall saves a PDF or picks a printer. Each document's print is then logged
 * (document_prints + audit), also for reprints from the case detail.
 *
 * `window.print()` returns when the dialog closes; a cancelled dialog cannot be told apart from a
 * print, so the log records that the clerk printed, as the window systems it replaces did.
 */
export async function printDocuments(documents: CaseDocument[], copies = 1): Promise<void> {
  if (documents.length === 0) return;
  const n = Math.min(10, Math.max(1, Math.round(copies)));
  const done = showInPrintRoot(documents, n);
  try {
    // Fonts must be ready, or the first print of the day comes out in the fallback font.
    await document.fonts.ready;
    window.print();
  } finally {
    done();
  }
  const via = hostKind === 'electron' ? 'printer' : 'pdf';
  try {
    for (const d of documents) await call('documents.logPrint', { documentId: d.id, via, copies: n });
  } catch (e) {
    // The paper is out; only the record is missing. Say so, and how to get it recorded.
    const err = e instanceof AppError ? e : null;
    throw new AppError(err?.code ?? 'INTERNAL', `文书已送打印，但打印记录未能保存：${err?.message ?? '本机服务没有响应。'}`, {
      hint: '请确认综合窗口程序正常运行后，在办件详情中补打一次，以便留下打印记录。',
    });
  }
}
