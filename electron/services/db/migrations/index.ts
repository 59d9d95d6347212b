import type { Migration } from '../migrate';
import { migration0010 } from './0010-settings';
import { migration0100 } from './0100-attachments';

/** Every shipped migration, in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [migration0010, migration0100];
