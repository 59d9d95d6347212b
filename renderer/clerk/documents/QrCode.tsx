import { create } from 'qrcode';

/**
 * The progress-lookup QR code as inline SVG, built synchronously so that the print container
 * is complete the moment it is rendered (an async data URL could still be missing when the
 * print dialog snapshots the page). A 4-module quiet zone keeps phone scanners happy.
 */
export function QrCode({ text, sizeMm = 26 }: { text: string; sizeMm?: number }) {
  const qr = create(text || '-', { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  let d = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) d += `M${c + quiet} ${r + quiet}h1v1h-1z`;
  const total = n + quiet * 2;
  return (
    <svg className="doc-qr" data-lookup={text} viewBox={`0 0 ${total} ${total}`} width={`${sizeMm}mm`} height={`${sizeMm}mm`} shapeRendering="crispEdges" role="img" aria-label="办件进度查询二维码">
      <rect width={total} height={total} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
