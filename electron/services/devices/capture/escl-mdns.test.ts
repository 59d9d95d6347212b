import makeMdns from 'multicast-dns';
import { describe, expect, it } from 'vitest';
import { discoverEscl, esclFromRecords } from './escl-mdns';

const records = (port: number) => [
  { name: '_uscan._tcp.local', type: 'PTR', data: '大厅扫描仪._uscan._tcp.local' },
  { name: '大厅扫描仪._uscan._tcp.local', type: 'SRV', data: { port, target: 'scanner-1.local' } },
  { name: '大厅扫描仪._uscan._tcp.local', type: 'TXT', data: [Buffer.from('txtvers=1'), Buffer.from('rs=eSCL')] },
  { name: 'scanner-1.local', type: 'A', data: '127.0.0.1' },
];

describe('eSCL discovery over mDNS', () => {
  it('builds the resource URL from PTR, SRV, TXT rs and A', () => {
    expect(esclFromRecords(records(8080))).toEqual([{ name: '大厅扫描仪', url: 'http://127.0.0.1:8080/eSCL' }]);
    expect(esclFromRecords([{ name: '_uscan._tcp.local', type: 'PTR', data: 'x._uscan._tcp.local' }])).toEqual([]);
  });

  it('finds a scanner that answers on the multicast group', async () => {
    const responder = makeMdns();
    responder.on('query', (q: { questions: { name: string }[] }) => {
      if (q.questions.some((x) => x.name === '_uscan._tcp.local')) {
        const [ptr, ...rest] = records(9090);
        responder.respond({ answers: [ptr], additionals: rest } as never);
      }
    });
    try {
      expect(await discoverEscl(1500)).toContainEqual({ name: '大厅扫描仪', url: 'http://127.0.0.1:9090/eSCL' });
    } finally {
      responder.destroy();
    }
  });
});
