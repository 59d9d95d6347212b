import type { z } from '../../shared/contract/zod';
import type { hostKindSchema } from '../../shared/contract/system';

export type HostKindSchema = z.infer<typeof hostKindSchema>;
