import type { Migration } from '../migrate';

/**
 * Applicants (一人一档), cases (办件), their items, materials, append-only events, printed
 * documents and the per-window daily 受理号 sequence.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'cases',
  up(db) {
    db.exec(`
      CREATE TABLE applicants (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'org')),      -- 自然人 / 法人
        cert_type TEXT NOT NULL,                                    -- 111 居民身份证, 001 统一社会信用代码 …
        cert_no TEXT NOT NULL,
        name TEXT NOT NULL,
        phone TEXT,
        address TEXT,
        consent_reuse INTEGER NOT NULL DEFAULT 0 CHECK (consent_reuse IN (0, 1)),
        consent_at TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (cert_type, cert_no)
      ) STRICT;

      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        case_no TEXT UNIQUE,                 -- 受理号, given at the first decision
        query_password TEXT,                 -- 查询密码 printed on the receipt
        status TEXT NOT NULL,
        status_code INTEGER,                 -- national 办理状态 code of the last event
        applicant_id TEXT REFERENCES applicants (id),
        applicant TEXT NOT NULL CHECK (json_valid(applicant)),
        agent TEXT CHECK (agent IS NULL OR json_valid(agent)),     -- 经办人/代办人
        bundle_id TEXT,
        channel TEXT NOT NULL DEFAULT 'window' CHECK (channel IN ('window', 'onlinePrereview', 'crossRegion')),
        receive_region TEXT NOT NULL,        -- 收件地区划
        handle_region TEXT NOT NULL,         -- 办理地区划 (跨省通办: another province)
        handle_dept TEXT,
        catalog_version TEXT NOT NULL,
        form TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(form)),
        promise_limit INTEGER,
        promise_unit TEXT,
        received_at TEXT,
        accepted_at TEXT,
        promise_due TEXT,                    -- YYYY-MM-DD, before any 特别程序 pause
        rongque_deadline TEXT,
        rongque_commitment TEXT CHECK (rongque_commitment IS NULL OR json_valid(rongque_commitment)),
        decision TEXT CHECK (decision IS NULL OR json_valid(decision)),
        result_code INTEGER,
        delivery TEXT CHECK (delivery IS NULL OR json_valid(delivery)),
        clerk_name TEXT NOT NULL,
        window_no INTEGER NOT NULL,
        ticket_no TEXT,
        platform_no TEXT,                    -- 申办流水号 once the platform confirms
        draft_rev INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_status ON cases (status, updated_at);
      CREATE INDEX cases_created ON cases (created_at);
      CREATE INDEX cases_applicant ON cases (applicant_id);

      CREATE TABLE case_items (
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        item_version INTEGER NOT NULL,
        item_name TEXT NOT NULL,
        order_num INTEGER NOT NULL,
        PRIMARY KEY (case_id, item_id)
      ) STRICT;

      -- A case's own copy of each required material: the catalogue may change, the case may not.
      CREATE TABLE case_materials (
        case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        material_key TEXT NOT NULL,
        name TEXT NOT NULL,
        necessity TEXT NOT NULL,
        allow_rongque INTEGER NOT NULL,
        allow_promise INTEGER NOT NULL,
        elicense_type TEXT,
        copies_required INTEGER NOT NULL,
        item_ids TEXT NOT NULL CHECK (json_valid(item_ids)),
        order_num INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'missing' CHECK (state IN
          ('missing', 'paper', 'electronic', 'paperAndElectronic', 'exempt', 'rongque', 'promise', 'defective')),
        count INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        elicense_ref TEXT,                   -- 证照 id, or 'pending' = 待核验 (offline)
        PRIMARY KEY (case_id, material_key)
      ) STRICT;

      -- Append-only history: triggers refuse UPDATE and DELETE.
      CREATE TABLE case_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL REFERENCES cases (id),
        action TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        status_code INTEGER,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
      ) STRICT;
      CREATE INDEX case_events_case ON case_events (case_id, id);
      CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
        BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
      CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
        BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

      CREATE TABLE case_documents (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        doc_type TEXT NOT NULL,
        doc_no TEXT NOT NULL,
        content TEXT NOT NULL CHECK (json_valid(content)),  -- what was printed, frozen
        created_at TEXT NOT NULL,
        UNIQUE (doc_no)
      ) STRICT;
      CREATE INDEX case_documents_case ON case_documents (case_id);

      CREATE TABLE document_prints (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES case_documents (id),
        printed_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        via TEXT NOT NULL,                   -- printer / pdf
        copies INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE case_number_seq (
        day TEXT NOT NULL,
        window_no INTEGER NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (day, window_no)
      ) STRICT;
    `);
  },
};
