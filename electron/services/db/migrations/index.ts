import type { Migration } from '../migrate';
import { migration0010 } from './0010-settings';
import { migration0020 } from './0020-catalog';
import { migration0030 } from './0030-cases';
import { migration0040 } from './0040-outbox';
import { migration0050 } from './0050-audit';
import { migration0060 } from './0060-calendar';
import { migration0100 } from './0100-attachments';
import { migration0110 } from './0110-sync';
import { migration0120 } from './0120-auth';
import { migration0130 } from './0130-ratings';

/** Every shipped migration, in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0100,
  migration0110,
  migration0120,
  migration0130,
];
