import type { Migration } from '../migrate';

/**
 * The service catalogue (事项目录/实施清单) as the window uses it: items, their materials, form
 * fields, 一件事 bundles. Items are versioned: a case records the version it was accepted under,
 * and a catalogue change never rewrites an accepted case (it keeps its own copies).
 */
export const migration0020: Migration = {
  version: 20,
  name: 'catalog',
  up(db) {
    db.exec(`
      CREATE TABLE catalog_items (
        id TEXT PRIMARY KEY,                 -- 实施编码 + 业务办理项编码: what a clerk picks
        catalog_code TEXT NOT NULL,          -- 基本编码
        task_code TEXT NOT NULL,             -- 实施编码
        handle_item_code TEXT,               -- 业务办理项编码
        name TEXT NOT NULL,
        type_code TEXT NOT NULL,             -- 事项类型 01..20
        dept_name TEXT NOT NULL,
        dept_code TEXT,
        accept_condition TEXT NOT NULL DEFAULT '',
        legal_limit INTEGER NOT NULL,        -- 法定办结时限
        legal_unit TEXT NOT NULL CHECK (legal_unit IN ('workday', 'day')),
        promise_limit INTEGER NOT NULL,      -- 承诺办结时限
        promise_unit TEXT NOT NULL CHECK (promise_unit IN ('workday', 'day')),
        project_type TEXT NOT NULL CHECK (project_type IN ('instant', 'promise')), -- 即办件 / 承诺件
        fees TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fees)),
        visits INTEGER NOT NULL DEFAULT 1,   -- 到办事现场次数
        handle_area TEXT NOT NULL DEFAULT 'city' CHECK (handle_area IN ('city', 'province', 'nation')), -- 通办范围
        can_mail INTEGER NOT NULL DEFAULT 0 CHECK (can_mail IN (0, 1)),
        special_procedure TEXT NOT NULL DEFAULT '',
        result_name TEXT NOT NULL DEFAULT '',
        transact_addr TEXT NOT NULL DEFAULT '',
        transact_time TEXT NOT NULL DEFAULT '',
        link_way TEXT NOT NULL DEFAULT '',
        remit_note TEXT NOT NULL DEFAULT '',  -- who is competent when a request is out of remit
        version INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
        sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)), -- 示例 data, not from the platform
        search_pinyin TEXT NOT NULL DEFAULT '',
        search_initials TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX catalog_items_task_code ON catalog_items (task_code);

      CREATE TABLE catalog_materials (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES catalog_items (id) ON DELETE CASCADE,
        order_num INTEGER NOT NULL,
        name TEXT NOT NULL,
        shared_key TEXT,                     -- same key across items = the same material in a bundle
        necessity TEXT NOT NULL CHECK (necessity IN ('required', 'optional', 'conditional')),
        material_type TEXT NOT NULL CHECK (material_type IN ('original', 'copy', 'originalAndCopy')),
        format TEXT NOT NULL CHECK (format IN ('paper', 'electronic', 'both')),
        copies INTEGER NOT NULL DEFAULT 1,
        source_type TEXT NOT NULL DEFAULT 'applicant' CHECK (source_type IN ('applicant', 'government', 'agency', 'other')),
        accept_standard TEXT NOT NULL DEFAULT '',
        allow_rongque INTEGER NOT NULL DEFAULT 0 CHECK (allow_rongque IN (0, 1)),
        allow_promise INTEGER NOT NULL DEFAULT 0 CHECK (allow_promise IN (0, 1)), -- 告知承诺
        elicense_type TEXT,                  -- 电子证照 type that can replace it (免提交)
        blank_form_ref TEXT,
        sample_ref TEXT,
        note TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX catalog_materials_item ON catalog_materials (item_id, order_num);

      CREATE TABLE catalog_fields (
        item_id TEXT NOT NULL REFERENCES catalog_items (id) ON DELETE CASCADE,
        field_key TEXT NOT NULL,
        label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('text', 'textarea', 'number', 'date', 'select', 'phone', 'idNumber', 'creditCode', 'address')),
        required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
        options TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(options)),
        prefill TEXT,                        -- applicant.phone, applicant.address …
        max_length INTEGER,
        order_num INTEGER NOT NULL,
        PRIMARY KEY (item_id, field_key)
      ) STRICT;

      CREATE TABLE catalog_bundles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        promise_limit INTEGER NOT NULL,
        promise_unit TEXT NOT NULL CHECK (promise_unit IN ('workday', 'day')),
        version INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
        sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
        search_pinyin TEXT NOT NULL DEFAULT '',
        search_initials TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE catalog_bundle_items (
        bundle_id TEXT NOT NULL REFERENCES catalog_bundles (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL REFERENCES catalog_items (id),
        order_num INTEGER NOT NULL,
        depends_on TEXT,                     -- item that must be done first (出生登记 before 医保)
        PRIMARY KEY (bundle_id, item_id)
      ) STRICT;

      -- source: 'sample' until the platform has delivered a catalogue; version: the platform's.
      CREATE TABLE catalog_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- How often this window uses an item: ranks search results (the database is per window).
      CREATE TABLE catalog_usage (
        target_id TEXT PRIMARY KEY,
        uses INTEGER NOT NULL,
        last_used_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
