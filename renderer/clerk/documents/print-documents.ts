import type { CaseDocument } from '../../../shared/contract/cases';
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
  for (const d of documents) await call('documents.logPrint', { documentId: d.id, via, copies: n });
}
