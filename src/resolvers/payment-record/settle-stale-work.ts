import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { ok } from '../../domain/result.ts';
import { settleStaleWork } from '../../domain/stale-work.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { transitionTo } from './transition-to.ts';

/** Writes the settlement of stale work, if any; a lost race means someone else moved it: answers theirs. */
export async function settle(
  deps: UseCaseDeps,
  record: PreOrderPaymentRecord,
): Promise<Result<PreOrderPaymentRecord, GatewayError>> {
  const change = settleStaleWork(record);
  if (!change) return ok(record);
  const written = await transitionTo(deps, record, change);
  if (!written.ok) return written;
  if (!written.value.won)
    return written.value.current ? ok(written.value.current) : { ok: false, error: Errors.notFound() };
  deps.logger.warn(
    { preOrderPaymentId: record.id, from: record.status, to: written.value.record.status },
    'settled stale work on a pre-order payment',
  );
  return ok(written.value.record);
}
