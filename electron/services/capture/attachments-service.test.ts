import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { makePageJpeg } from '../../../test/support/pages';
import { makeTempDir } from '../../../test/support/tmp';
import { BlobStore } from '../blobs/blob-store';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { EventHub } from '../events';
import { AttachmentsService } from './attachments-service';

const tmp = makeTempDir();
afterAll(tmp.cleanup);

function setup(name: string) {
  const db = openDatabase(join(tmp.dir, `${name}.sqlite`));
  migrate(db, migrations);
  const events = new EventHub();
  const seen: unknown[] = [];
  events.subscribe((n, p) => n === 'attachments.changed' && seen.push(p));
  return { db, svc: new AttachmentsService(db, new BlobStore(join(tmp.dir, `${name}-blobs`)), events), seen };
}

const slot = { caseId: 'CASE-1', materialId: '身份证' };

describe('AttachmentsService', () => {
  it('adds pages in order with their size, thumbnail and blob, and tells the renderer', () => {
    const { svc, seen } = setup('add');
    const a = svc.add(slot, makePageJpeg(210, 297, 1), { source: 'camera', thumb: makePageJpeg(42, 60) });
    const b = svc.add(slot, makePageJpeg(297, 210, 2), { source: 'escl' });
    expect([a.pageNo, b.pageNo]).toEqual([1, 2]);
    expect(a).toMatchObject({ width: 210, height: 297, mime: 'image/jpeg', source: 'camera', deletedAt: null });
    expect(a.thumbSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(svc.readBlob(a.sha256).equals(makePageJpeg(210, 297, 1))).toBe(true);
    expect(svc.listForMaterial(slot).map((x) => x.id)).toEqual([a.id, b.id]);
    expect(svc.listForMaterial({ caseId: 'CASE-1', materialId: 'other' })).toEqual([]);
    expect(seen).toHaveLength(2);
    expect(svc.dataUrl(a.id, 'thumb')).toMatch(/^data:image\/jpeg;base64,/);
    expect(svc.isReferenced(a.thumbSha256!)).toBe(true);
  });

  it('refuses a page that is not an image and stores nothing for it', () => {
    const { svc, db } = setup('bad');
    expect(() => svc.add(slot, Buffer.from('<html>oops</html>'), { source: 'camera' })).toThrowError(/格式不支持/);
    expect(db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
  });

  it('reorders, deletes (renumbering the rest) and restores to the end', () => {
    const { svc } = setup('order');
    const [p1, p2, p3] = [1, 2, 3].map((n) => svc.add(slot, makePageJpeg(100, 140, n), { source: 'sane' }));
    expect(svc.reorder(slot, [p3!.id, p1!.id, p2!.id]).map((x) => [x.id, x.pageNo])).toEqual([[p3!.id, 1], [p1!.id, 2], [p2!.id, 3]]);
    expect(() => svc.reorder(slot, [p1!.id, p2!.id])).toThrow(AppError);
    svc.remove(p1!.id);
    expect(svc.listForMaterial(slot).map((x) => [x.id, x.pageNo])).toEqual([[p3!.id, 1], [p2!.id, 2]]);
    expect(svc.listForMaterial(slot, { includeDeleted: true }).at(-1)).toMatchObject({ id: p1!.id });
    expect(svc.isReferenced(p1!.sha256)).toBe(true);
    const back = svc.restore(p1!.id);
    expect(back).toMatchObject({ pageNo: 3, deletedAt: null });
    expect(() => svc.remove('no-such-id')).toThrowError(/找不到/);
  });

  it('makes one PDF per material with one A4 page per live page (checked by poppler)', async () => {
    const { svc } = setup('pdf');
    await expect(svc.pdf(slot)).rejects.toThrowError(/还没有页面/);
    const pages = [1, 2, 3].map((n) => svc.add(slot, makePageJpeg(248, 351, n), { source: 'camera' }));
    svc.add(slot, makePageJpeg(351, 248, 4), { source: 'camera' });
    svc.remove(pages[1]!.id);
    const pdf = await svc.pdf(slot);
    expect(pdf.pages).toBe(3);
    const info = execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+3/);
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
    const images = execFileSync('pdfimages', ['-list', pdf.path], { encoding: 'utf8' });
    expect(images.split('\n').filter((l) => /jpeg/.test(l))).toHaveLength(3);
    // Same pages → same file: the sync engine can upload it once.
    expect((await svc.pdf(slot)).sha256).toBe(pdf.sha256);
  });
});
