import type { Migration } from '../migrate';

/**
 * Working-day calendar: only the exceptions to "Monday–Friday works" are stored: 法定节假日
 * on weekdays (kind 'holiday') and 调休 weekend workdays (kind 'workday').
 */
export const migration0060: Migration = {
  version: 60,
  name: 'calendar',
  up(db) {
    db.exec(`
      CREATE TABLE calendar_days (
        date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name TEXT NOT NULL,
        source TEXT NOT NULL              -- 'bundled' | 'estimated' | 'platform'
      ) STRICT;
    `);
  },
};
