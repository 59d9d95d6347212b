import makeMdns from 'multicast-dns';

export interface DiscoveredEscl {
  name: string;
  /** Resource root, e.g. http://192.168.1.20:80/eSCL */
  url: string;
}

type Answer = { name: string; type: string; data: unknown };

/** Builds scanner URLs from one mDNS response's records (PTR → SRV + TXT rs + A). */
export function esclFromRecords(records: Answer[]): DiscoveredEscl[] {
  const out: DiscoveredEscl[] = [];
  for (const ptr of records.filter((r) => r.type === 'PTR' && /^_uscans?\._tcp\.local$/i.test(r.name))) {
    const instance = String(ptr.data);
    const srv = records.find((r) => r.type === 'SRV' && r.name === instance)?.data as { port: number; target: string } | undefined;
    if (!srv) continue;
    const a = records.find((r) => r.type === 'A' && r.name === srv.target)?.data as string | undefined;
    const txt = (records.find((r) => r.type === 'TXT' && r.name === instance)?.data as Buffer[] | undefined) ?? [];
    const rs = txt.map((b) => b.toString('utf8')).find((t) => t.startsWith('rs='))?.slice(3) ?? 'eSCL';
    const scheme = ptr.name.toLowerCase().startsWith('_uscans') ? 'https' : 'http';
    out.push({ name: instance.replace(/\._uscans?\._tcp\.local$/i, ''), url: `${scheme}://${a ?? srv.target}:${srv.port}/${rs.replace(/^\/+/, '')}` });
  }
  return out;
}

/**
 * Asks the network for eSCL scanners (`_uscan._tcp`, `_uscans._tcp`) and collects answers for
 * `timeoutMs`. Halls whose network blocks multicast type the address in the settings instead.
 */
export function discoverEscl(timeoutMs = 2000, options: { interface?: string } = {}): Promise<DiscoveredEscl[]> {
  return new Promise((resolve) => {
    const found = new Map<string, DiscoveredEscl>();
    let mdns: ReturnType<typeof makeMdns>;
    try {
      mdns = makeMdns(options.interface ? { interface: options.interface } : {});
    } catch {
      resolve([]);
      return;
    }
    mdns.on('error', () => undefined);
    mdns.on('response', (res: { answers: Answer[]; additionals: Answer[] }) => {
      for (const d of esclFromRecords([...res.answers, ...(res.additionals ?? [])])) found.set(d.url, d);
    });
    mdns.query({ questions: [{ name: '_uscan._tcp.local', type: 'PTR' }, { name: '_uscans._tcp.local', type: 'PTR' }] });
    setTimeout(() => {
      mdns.destroy();
      resolve([...found.values()]);
    }, timeoutMs);
  });
}
