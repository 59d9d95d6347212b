import { type Settings, type SettingsPatch, settingsPatchSchema, settingsSchema } from '../../../shared/contract/settings';
import { type DB, writeTransaction } from '../db/connection';
import type { EventHub } from '../events';

/** A first run works with these: nothing to configure before the first applicant. */
export const defaultSettings: Settings = settingsSchema.parse({
  hallCode: '330102',
  hallName: '示例区政务服务中心',
  windowNo: 1,
  clerkName: '',
  centralUrl: '',
  hallServiceUrl: '',
  devices: {},
  queue: {},
});

/**
 * Settings live as one JSON document per top-level key so that a later field added with a
 * default never needs a migration; the contract schema fills what an older database lacks.
 */
export class SettingsService {
  constructor(
    private readonly db: DB,
    private readonly events: EventHub,
  ) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Record<string, unknown> = {};
    for (const row of rows) stored[row.key] = JSON.parse(row.value);
    const merged = {
      ...defaultSettings,
      ...stored,
      devices: { ...defaultSettings.devices, ...(stored.devices as object | undefined) },
      queue: { ...defaultSettings.queue, ...(stored.queue as object | undefined) },
    };
    const parsed = settingsSchema.safeParse(merged);
    // A value that no longer validates (hand-edited file, older client) falls back to the default
    // for the whole document rather than locking the clerk out of the settings page.
    return parsed.success ? parsed.data : defaultSettings;
  }

  update(patch: SettingsPatch): Settings {
    const clean = settingsPatchSchema.parse(patch);
    const current = this.get();
    // Only what the caller sent changes: the schema's defaults fill in every field of a nested
    // object that was left out, and those must not overwrite stored values (patching the camera
    // must not reset the ID-card reader).
    const next = settingsSchema.parse(mergeSent(current, patch as Record<string, unknown>, clean as Record<string, unknown>));
    const now = new Date().toISOString();
    writeTransaction(this.db, () => {
      const put = this.db.prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      );
      for (const [key, value] of Object.entries(next)) put.run(key, JSON.stringify(value), now);
    });
    this.events.emit('settings.changed', next);
    return next;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `current` with the keys present in the raw patch replaced by their validated values, recursively. */
function mergeSent(current: unknown, sent: Record<string, unknown>, parsed: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(isRecord(current) ? current : {}) };
  for (const key of Object.keys(sent)) {
    const here = out[key];
    const value = parsed[key];
    out[key] = isRecord(sent[key]) && isRecord(here) && isRecord(value) ? mergeSent(here, sent[key], value) : value;
  }
  return out;
}
