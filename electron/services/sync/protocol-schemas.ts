import { z } from '../../../shared/contract/zod';
import * as p from './protocol';

/** The wire schemas as JSON Schema (protocol.schema.json beside this file; a test keeps it current). */
export function protocolJsonSchemas(): Record<string, unknown> {
  const entries: Record<string, z.ZodType> = {
    'POST /clients/register request': p.registerRequestSchema,
    'POST /clients/register 201': p.registerReplySchema,
    'POST /auth/token request': p.tokenRequestSchema,
    'POST /auth/token 200': p.tokenReplySchema,
    'POST /sync/push request': p.pushRequestSchema,
    'POST /sync/push 200': p.pushReplySchema,
    'POST /sync/push 409': p.seqGapReplySchema,
    'PUT /blobs/{sha256} 200': p.blobReplySchema,
    'GET /sync/pull 200': p.pullReplySchema,
    'dataset cases: value': p.platformStatusSchema,
    'dataset calendar: value': p.calendarDaySchema,
    'dataset catalog: item:{id} value': p.catalogItemSchema,
    'dataset catalog: bundle:{id} value': p.catalogBundleSchema,
    'POST /auth/clerk-login request': p.clerkLoginRequestSchema,
    'POST /auth/clerk-login 200': p.clerkLoginReplySchema,
    'POST /auth/clerk-login 401': p.clerkLoginErrorSchema,
    'GET /elicense/lookup 200': p.elicenseReplySchema,
    'op case.event v1: payload': p.caseEventPayloadSchema,
    'op rating.submitted v1: payload': p.ratingPayloadSchema,
    'any 4xx/5xx': p.errorReplySchema,
  };
  return Object.fromEntries(Object.entries(entries).map(([k, s]) => [k, z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' })]));
}
