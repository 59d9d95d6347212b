import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { protocolJsonSchemas } from './protocol-schemas';
import { pullReplySchema, pushReplySchema } from './protocol';

const file = join(import.meta.dirname, 'protocol.schema.json');

describe('protocol', () => {
  it('protocol.schema.json is the JSON Schema of the zod definitions (UPDATE_PROTOCOL_SCHEMA=1 rewrites it)', () => {
    const current = JSON.stringify(protocolJsonSchemas(), null, 2) + '\n';
    if (process.env.UPDATE_PROTOCOL_SCHEMA) writeFileSync(file, current);
    expect(readFileSync(file, 'utf8')).toBe(current);
  });

  it('refuses replies of the wrong shape', () => {
    expect(pushReplySchema.safeParse({ lastSeq: 'many', results: [], serverTime: '2026-11-23T08:00:00Z' }).success).toBe(false);
    expect(pushReplySchema.safeParse({ lastSeq: 3, results: [{ seq: 3, opId: 'a', status: 'maybe' }], serverTime: '2026-11-23T08:00:00Z' }).success).toBe(false);
    expect(pullReplySchema.safeParse({ dataset: 'catalog', snapshot: false, changes: [{ op: 'put', key: 'k' }], nextCursor: 'c', hasMore: false, resetRequired: false, serverTime: '2026-11-23T08:00:00Z' }).success).toBe(false);
    expect(pushReplySchema.safeParse({ lastSeq: 3, results: [], serverTime: '2026-11-23T08:00:00Z' }).success).toBe(true);
  });
});
