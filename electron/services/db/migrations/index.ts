import type { Migration } from '../migrate';
import { migration0010 } from './0010-settings';

/** Every shipped migration, in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [migration0010];
