import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

describe('contentSecurityPolicy', () => {
  it('allows string evaluation only in the auto-crop worker script', () => {
    expect(contentSecurityPolicy('/clerk/')).not.toContain("'unsafe-eval'");
    expect(contentSecurityPolicy('/assets/clerk-D6SeX0IR.js')).not.toContain("'unsafe-eval'");
    expect(contentSecurityPolicy('/assets/crop.worker-BZpCQ6l8.js')).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy('/assets/crop.worker-x.js/../clerk.js')).not.toContain("'unsafe-eval'");
  });
});
