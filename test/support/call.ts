import { AppError } from '../../shared/contract/errors';
import type { InputOf, MethodName, OutputOf } from '../../shared/contract';
import type { AppServices } from '../../electron/services/app';

/** Calls a contract method through the dispatcher, as a host would, and unwraps the envelope. */
export async function call<M extends MethodName>(services: AppServices, method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const r = await services.dispatch(method, input, { via: 'http' });
  if (!r.ok) throw AppError.fromPayload(r.error);
  return r.value as OutputOf<M>;
}
