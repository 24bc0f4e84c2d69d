import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import type { Caller } from '../../domain/identity.ts';
import { isLeaseExpired, type PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import type { Violations } from '../../domain/validation.ts';
import { validateIdempotencyKey } from '../../domain/validation.ts';
import { type OwnersRequest, runMutation } from '../idempotency/idempotent-mutation.ts';
import { cancelAtProvider } from '../payment-record/cancel-at-provider.ts';
import { ownedPayment, replayedRecord } from '../payment-record/load-owned-payment.ts';
import { waitForPayment } from '../payment-record/wait-for-payment.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

export interface CancelInput {
  readonly preOrderPaymentId: string;
  readonly idempotencyKey?: string | null;
}

export interface CancelSuccess {
  readonly record: PreOrderPaymentRecord;
  readonly replayed: boolean;
}

type CancelAnswer = Result<CancelSuccess, GatewayError>;

export function validateCancelInput(input: CancelInput): Violations {
  const violations: Violations = [];
  validateIdempotencyKey(violations, 'input.idempotencyKey', input.idempotencyKey);
  return violations;
}

/** cancelPreOrderPayment (docs/cancel.md). */
export async function cancelPreOrderPayment(
  deps: UseCaseDeps,
  caller: Caller,
  input: CancelInput,
): Promise<CancelAnswer> {
  return runMutation(deps, caller, {
    operation: 'cancelPreOrderPayment',
    input,
    violations: validateCancelInput(input),
    prefetch: () => replayedRecord(deps, input.preOrderPaymentId),
    run: (owner, record) => cancelForOwner(deps, { caller, owner, input }, record),
    remember: (success) => ({ kind: 'success', preOrderPaymentId: success.record.id }),
    replay: (record) => ({ record, replayed: true }),
  });
}

async function cancelForOwner(
  deps: UseCaseDeps,
  request: OwnersRequest<CancelInput>,
  read: Result<PreOrderPaymentRecord, GatewayError>,
): Promise<CancelAnswer> {
  const { caller, owner } = request;
  const loaded = await ownedPayment(deps, owner, read);
  if (!loaded.ok) return loaded;

  let record = loaded.value;
  // One more look after losing a race: the winner may have finished (e.g. canceled) meanwhile.
  for (let round = 0; round < 2; round += 1) {
    const early = answerWithoutUpstream(record);
    if (early) return early;
    // A placement in flight wins: its outcome decides, and the two never both reach Glue. A
    // re-initialization in flight is waited for: it holds the provider payment for a moment only.
    if (record.status === 'PLACING_ORDER') return err(Errors.inProgress());
    if (record.status === 'REINITIALIZING' && !isLeaseExpired(record)) {
      const settled = await waitForPayment(deps, record.id, (current) => current.status !== 'REINITIALIZING');
      if (!settled) return err(Errors.inProgress());
      record = settled;
      continue;
    }
    if (record.status === 'CANCELING' && !isLeaseExpired(record)) {
      const settled = await waitForPayment(deps, record.id, (current) => current.status !== 'CANCELING');
      if (!settled) return err(Errors.inProgress());
      record = settled;
      continue;
    }
    // INITIALIZED, or a cancellation nobody finished: send it (again; a repeat is safe).
    const result = await cancelAtProvider(deps, {
      caller,
      record,
      purpose: 'shopper',
      reason: 'canceled by the shopper',
    });
    if (result.kind === 'canceled') return ok({ record: result.record, replayed: false });
    if (result.kind !== 'lost') return err(result.error);
    if (!result.current) return err(Errors.notFound());
    record = result.current;
  }
  return answerWithoutUpstream(record) ?? err(Errors.inProgress());
}

function answerWithoutUpstream(record: PreOrderPaymentRecord): CancelAnswer | null {
  switch (record.status) {
    case 'CANCELED':
    case 'EXPIRED':
      return ok({ record, replayed: true });
    case 'ORDER_PLACED':
      return err(Errors.alreadyPlaced(record.id, record.orderReference ?? ''));
    case 'ORDER_OUTCOME_UNKNOWN':
      return err(Errors.outcomeUnknown(record.id, record.orderReference));
    default:
      return null;
  }
}
