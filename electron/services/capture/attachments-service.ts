import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { Attachment } from '../../../shared/contract/capture';
import { AppError } from '../../../shared/contract/errors';
import type { BlobStore } from '../blobs/blob-store';
import { imageInfo } from '../blobs/image-info';
import { type DB, writeTransaction } from '../db/connection';
import type { EventHub } from '../events';

interface Row {
  id: string;
  case_id: string;
  material_id: string;
  page_no: number;
  sha256: string;
  mime: Attachment['mime'];
  bytes: number;
  width: number;
  height: number;
  thumb_sha256: string | null;
  source: Attachment['source'];
  created_at: string;
  deleted_at: string | null;
}

const toAttachment = (r: Row): Attachment => ({
  id: r.id,
  caseId: r.case_id,
  materialId: r.material_id,
  pageNo: r.page_no,
  sha256: r.sha256,
  mime: r.mime,
  bytes: r.bytes,
  width: r.width,
  height: r.height,
  thumbSha256: r.thumb_sha256,
  source: r.source,
  createdAt: r.created_at,
  deletedAt: r.deleted_at,
});

export interface Slot {
  caseId: string;
  materialId: string;
}

/** A4 in PDF points (1/72 in). */
const A4 = { w: 595.28, h: 841.89 };

/**
 * 附件: pages of a case's materials. Blobs first (durable), then the row, so no row ever points
 * at a missing file. The case store reads pages with `listForMaterial`; the sync engine uploads
 * by SHA-256 with `blobPath`/`readBlob`.
 */
export class AttachmentsService {
  constructor(
    private readonly db: DB,
    readonly blobs: BlobStore,
    private readonly events?: EventHub,
  ) {}

  add(slot: Slot, page: Uint8Array, options: { thumb?: Uint8Array; source: Attachment['source'] }): Attachment {
    const info = imageInfo(page);
    if (options.thumb) imageInfo(options.thumb);
    const sha256 = this.blobs.put(page);
    const thumbSha = options.thumb ? this.blobs.put(options.thumb) : null;
    const row = writeTransaction(this.db, () => {
      const next = (this.db.prepare('SELECT coalesce(max(page_no), 0) + 1 FROM attachments WHERE case_id = ? AND material_id = ? AND deleted_at IS NULL').pluck().get(slot.caseId, slot.materialId) as number);
      const r: Row = {
        id: randomUUID(),
        case_id: slot.caseId,
        material_id: slot.materialId,
        page_no: next,
        sha256,
        mime: info.mime,
        bytes: page.byteLength,
        width: info.width,
        height: info.height,
        thumb_sha256: thumbSha,
        source: options.source,
        created_at: new Date().toISOString(),
        deleted_at: null,
      };
      this.db
        .prepare(`INSERT INTO attachments (id, case_id, material_id, page_no, sha256, mime, bytes, width, height, thumb_sha256, source, created_at, deleted_at)
          VALUES (@id, @case_id, @material_id, @page_no, @sha256, @mime, @bytes, @width, @height, @thumb_sha256, @source, @created_at, @deleted_at)`)
        .run(r);
      return r;
    });
    this.changed(slot);
    return toAttachment(row);
  }

  listForMaterial(slot: Slot, options: { includeDeleted?: boolean } = {}): Attachment[] {
    const rows = this.db
      .prepare(`SELECT * FROM attachments WHERE case_id = ? AND material_id = ? ${options.includeDeleted ? '' : 'AND deleted_at IS NULL'}
        ORDER BY deleted_at IS NOT NULL, page_no, created_at`)
      .all(slot.caseId, slot.materialId) as Row[];
    return rows.map(toAttachment);
  }

  get(id: string): Attachment {
    const row = this.db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND', '找不到这一页材料，可能已被删除。', { hint: '请刷新材料列表。' });
    return toAttachment(row);
  }

  /** `ids` must be exactly the material's live pages, in the new order. */
  reorder(slot: Slot, ids: readonly string[]): Attachment[] {
    writeTransaction(this.db, () => {
      const live = this.listForMaterial(slot).map((a) => a.id);
      if (live.length !== ids.length || new Set(ids).size !== ids.length || !ids.every((id) => live.includes(id))) {
        throw new AppError('CONFLICT', '材料页已被修改，顺序没有保存。', { hint: '请刷新材料列表后重新排序。' });
      }
      const set = this.db.prepare('UPDATE attachments SET page_no = ? WHERE id = ?');
      ids.forEach((id, i) => set.run(i + 1, id));
    });
    this.changed(slot);
    return this.listForMaterial(slot);
  }

  remove(id: string): Attachment {
    return this.setDeleted(id, new Date().toISOString());
  }

  /** Restored pages go to the end of the material. */
  restore(id: string): Attachment {
    return this.setDeleted(id, null);
  }

  private setDeleted(id: string, at: string | null): Attachment {
    const a = writeTransaction(this.db, () => {
      const cur = this.get(id);
      if ((cur.deletedAt === null) === (at === null)) return cur;
      if (at === null) {
        const next = this.db.prepare('SELECT coalesce(max(page_no), 0) + 1 FROM attachments WHERE case_id = ? AND material_id = ? AND deleted_at IS NULL').pluck().get(cur.caseId, cur.materialId) as number;
        this.db.prepare('UPDATE attachments SET deleted_at = NULL, page_no = ? WHERE id = ?').run(next, id);
      } else {
        this.db.prepare('UPDATE attachments SET deleted_at = ? WHERE id = ?').run(at, id);
        // Close the gap so page numbers stay 1..n among live pages.
        this.db.prepare('UPDATE attachments SET page_no = page_no - 1 WHERE case_id = ? AND material_id = ? AND deleted_at IS NULL AND page_no > ?').run(cur.caseId, cur.materialId, cur.pageNo);
      }
      return this.get(id);
    });
    this.changed(a);
    return a;
  }

  blobPath(sha256: string): string {
    return this.blobs.path(sha256);
  }

  readBlob(sha256: string): Buffer {
    return this.blobs.read(sha256);
  }

  dataUrl(id: string, size: 'thumb' | 'full'): string {
    const a = this.get(id);
    const useThumb = size === 'thumb' && a.thumbSha256 !== null;
    const sha = useThumb ? a.thumbSha256! : a.sha256;
    const mime = useThumb ? 'image/jpeg' : a.mime;
    return `data:${mime};base64,${this.blobs.read(sha).toString('base64')}`;
  }

  /**
   * One PDF per material (for printing and sync): each page fitted into A4 in its own
   * orientation, stored as a blob so that the same pages give the same file name.
   */
  async pdf(slot: Slot): Promise<{ sha256: string; pages: number; bytes: number; path: string }> {
    const pages = this.listForMaterial(slot);
    if (pages.length === 0) throw new AppError('RULE_VIOLATION', '这份材料还没有页面，无法生成 PDF。', { hint: '请先拍照或扫描材料。' });
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(`${slot.caseId} ${slot.materialId}`);
    doc.setCreationDate(new Date(0));
    doc.setModificationDate(new Date(0));
    for (const p of pages) {
      const bytes = this.blobs.read(p.sha256);
      const img = p.mime === 'image/png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
      const landscape = p.width > p.height;
      const pw = landscape ? A4.h : A4.w;
      const ph = landscape ? A4.w : A4.h;
      const scale = Math.min(pw / p.width, ph / p.height);
      const w = p.width * scale;
      const h = p.height * scale;
      doc.addPage([pw, ph]).drawImage(img, { x: (pw - w) / 2, y: (ph - h) / 2, width: w, height: h });
    }
    const out = await doc.save();
    const sha256 = this.blobs.put(out);
    return { sha256, pages: pages.length, bytes: out.byteLength, path: this.blobs.path(sha256) };
  }

  /** Whether any row (live or deleted: a deleted page can still be restored) uses the blob. */
  isReferenced(sha256: string): boolean {
    return this.db.prepare('SELECT 1 FROM attachments WHERE sha256 = ? OR thumb_sha256 = ? LIMIT 1').get(sha256, sha256) !== undefined;
  }

  private changed(slot: Slot): void {
    this.events?.emit('attachments.changed', { caseId: slot.caseId, materialId: slot.materialId });
  }
}
