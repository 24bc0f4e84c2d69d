import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import type { Caller, Owner } from '../../domain/identity.ts';
import type { IdempotentOperation, RememberedOutcome } from '../../domain/ports/idempotency-store.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import type { Result } from '../../domain/result.ts';
import { err, ok } from '../../domain/result.ts';
import type { Violations } from '../../domain/validation.ts';
import { resolveOwner } from '../caller/resolve-owner.ts';
import { replayedRecord } from '../payment-record/load-owned-payment.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { withIdempotency } from './with-idempotency.ts';

type RememberedSuccess = RememberedOutcome & { kind: 'success' };

/** What a mutation runs with once its owner is known. */
export interface OwnersRequest<I> {
  readonly caller: Caller;
  readonly owner: Owner;
  readonly input: I;
}

/** One of the three mutations, as the steps they share need to know it. */
export interface Mutation<I extends { readonly idempotencyKey?: string | null }, T, E> {
  readonly operation: IdempotentOperation;
  readonly input: I;
  /** Edge validation; any violation answers ValidationError before anything else happens. */
  readonly violations: Violations;
  /**
   * The store read the operation starts from (never a write): sent with the idempotency key's
   * lookup, so both share one round trip.
   */
  readonly prefetch: (owner: Owner) => Promise<E>;
  /** The operation itself, for the caller's owner, from what `prefetch` read. */
  readonly run: (owner: Owner, prefetched: E) => Promise<Result<T, GatewayError>>;
  /** The ids to remember of a success. */
  readonly remember: (success: T) => RememberedSuccess;
  /** A remembered success answered again: the payment as it is now, `replayed: true`. */
  readonly replay: (record: PreOrderPaymentRecord, remembered: RememberedSuccess) => T;
}

/** The steps every mutation takes in order: validate, find the owner, run under the idempotency key. */
export async function runMutation<I extends { readonly idempotencyKey?: string | null }, T, E>(
  deps: UseCaseDeps,
  caller: Caller,
  mutation: Mutation<I, T, E>,
): Promise<Result<T, GatewayError>> {
  if (mutation.violations.length > 0) return err(Errors.validation(mutation.violations));
  const owner = await resolveOwner(deps, caller);
  if (!owner.ok) return owner;
  return withIdempotency(deps, {
    operation: mutation.operation,
    owner: owner.value,
    key: mutation.input.idempotencyKey,
    input: mutation.input,
    prefetch: () => mutation.prefetch(owner.value),
    run: (prefetched) => mutation.run(owner.value, prefetched),
    remember: mutation.remember,
    replay: async (remembered) => {
      const record = await replayedRecord(deps, remembered.preOrderPaymentId);
      return record.ok ? ok(mutation.replay(record.value, remembered)) : record;
    },
  });
}
