/** Printed documents of a case: templates, print preview, printing with a print log. */
export { DocumentPreview, type DocumentPreviewProps } from './DocumentPreview';
export { printDocuments } from './print-documents';
