/**
 * eSCL (AirScan) XML, namespaces from the PWG/HP schemas. The documents are small and flat, so a
 * prefix-agnostic tag reader is enough and keeps an XML library out of the dependency tree.
 */
export const NS = {
  pwg: 'http://www.pwg.org/schemas/2010/12/sm',
  scan: 'http://schemas.hp.com/imaging/escl/2011/05/03',
};

/** Text of every `<prefix:name>` element (any prefix), in document order. */
export function tagTexts(xml: string, name: string): string[] {
  const re = new RegExp(`<(?:[A-Za-z0-9_]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[A-Za-z0-9_]+:)?${name}>`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1]!.trim());
}

export const tagText = (xml: string, name: string): string | undefined => tagTexts(xml, name)[0];

export interface EsclScanSettings {
  source: 'Platen' | 'Feeder';
  colorMode: 'RGB24' | 'Grayscale8';
  dpi: number;
  /** In 1/300 inch; A4 is 2480 × 3508. */
  width: number;
  height: number;
  format: 'image/jpeg';
}

/** The ScanSettings body, elements in the order sane-airscan writes them. */
export function scanSettingsXml(s: EsclScanSettings): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScanSettings xmlns:pwg="${NS.pwg}" xmlns:scan="${NS.scan}">
  <pwg:Version>2.0</pwg:Version>
  <scan:Intent>Document</scan:Intent>
  <pwg:ScanRegions><pwg:ScanRegion>
    <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>
    <pwg:XOffset>0</pwg:XOffset><pwg:YOffset>0</pwg:YOffset>
    <pwg:Width>${s.width}</pwg:Width><pwg:Height>${s.height}</pwg:Height>
  </pwg:ScanRegion></pwg:ScanRegions>
  <pwg:InputSource>${s.source}</pwg:InputSource>
  <scan:ColorMode>${s.colorMode}</scan:ColorMode>
  <pwg:DocumentFormat>${s.format}</pwg:DocumentFormat>
  <scan:XResolution>${s.dpi}</scan:XResolution><scan:YResolution>${s.dpi}</scan:YResolution>${s.source === 'Feeder' ? '\n  <scan:Duplex>false</scan:Duplex>' : ''}
</scan:ScanSettings>
`;
}

export function parseScanSettings(xml: string): EsclScanSettings | null {
  const source = tagText(xml, 'InputSource');
  const colorMode = tagText(xml, 'ColorMode') ?? 'RGB24';
  const dpi = Number(tagText(xml, 'XResolution') ?? '300');
  const width = Number(tagText(xml, 'Width') ?? '2480');
  const height = Number(tagText(xml, 'Height') ?? '3508');
  if (!tagText(xml, 'Version') || (source !== undefined && source !== 'Platen' && source !== 'Feeder')) return null;
  if (colorMode !== 'RGB24' && colorMode !== 'Grayscale8') return null;
  if (![dpi, width, height].every((n) => Number.isFinite(n) && n > 0)) return null;
  return { source: source ?? 'Platen', colorMode, dpi, width, height, format: 'image/jpeg' };
}
