import type { Migration } from '../migrate';

/**
 * 附件: the pages of one material (材料) of a case, each a blob named by SHA-256. case_id and
 * material_id are plain keys: the case store owns those rows. Deleting inside a draft only sets
 * deleted_at so that the clerk can restore; the blob stays until the orphan sweep finds no row.
 */
export const migration0100: Migration = {
  version: 100,
  name: 'attachments',
  up(db) {
    db.exec(`
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        material_id TEXT NOT NULL,
        page_no INTEGER NOT NULL CHECK (page_no >= 1),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        thumb_sha256 TEXT CHECK (thumb_sha256 IS NULL OR length(thumb_sha256) = 64),
        source TEXT NOT NULL CHECK (source IN ('camera', 'escl', 'sane', 'naps2', 'file')),
        created_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX attachments_material ON attachments (case_id, material_id, page_no);
      CREATE INDEX attachments_sha ON attachments (sha256);
      CREATE INDEX attachments_thumb ON attachments (thumb_sha256);
    `);
  },
};
