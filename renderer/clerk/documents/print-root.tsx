import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { CaseDocument } from '../../../shared/contract/cases';
import { DocumentSheets } from './templates';
import './documents.css';

/**
 * The one print-only container (`@media print` shows nothing else). Whoever shows documents in
 * it last wins; closing restores what was there before, so an open preview (which keeps its
 * documents there for Ctrl+P) survives a reprint started from elsewhere.
 */
const stack: { docs: CaseDocument[]; copies: number }[] = [];
let root: Root | null = null;
let host: HTMLElement | null = null;

function render(): void {
  const top = stack.at(-1);
  if (!top) {
    root?.unmount();
    host?.remove();
    root = null;
    host = null;
    return;
  }
  if (!host) {
    host = document.createElement('div');
    host.className = 'doc-print-root';
    host.setAttribute('aria-hidden', 'true');
    document.body.appendChild(host);
    root = createRoot(host);
  }
  const r = root!;
  // Synchronously, so the sheets are in the DOM before window.print() snapshots the page.
  flushSync(() => r.render(<PrintSheets docs={top.docs} copies={top.copies} />));
}

export function PrintSheets({ docs, copies }: { docs: CaseDocument[]; copies: number }) {
  return (
    <>
      {Array.from({ length: copies }, (_, n) => docs.map((doc) => <DocumentSheets key={`${n}-${doc.id}`} doc={doc} />))}
    </>
  );
}

/** Puts documents in the print container; the returned function takes them out again. */
export function showInPrintRoot(docs: CaseDocument[], copies = 1): () => void {
  const entry = { docs, copies };
  stack.push(entry);
  render();
  return () => {
    const i = stack.indexOf(entry);
    if (i >= 0) stack.splice(i, 1);
    render();
  };
}
