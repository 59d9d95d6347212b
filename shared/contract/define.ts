import type { z } from './zod';

/** One request/response method of the contract. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** Chinese one-liner, shown in the API index and in audit entries. */
  readonly summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I;
  output: O;
  summary: string;
}): MethodSpec<I, O> {
  return spec;
}

export type MethodTable = Record<string, MethodSpec>;
export type EventTable = Record<string, z.ZodType>;
