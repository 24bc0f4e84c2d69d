import type { Caller } from '../domain/identity.ts';
import type { PreOrderPaymentRecord } from '../domain/pre-order-payment.ts';
import type { ProviderData } from '../domain/provider-data.ts';
import type { UseCaseDeps } from '../resolvers/use-case-deps.ts';

/** What every field resolver gets; built per request by the composition root. */
export interface GraphQLContext {
  /** Null when the request carried no identity header (only introspection is allowed then). */
  readonly caller: Caller | null;
  readonly deps: UseCaseDeps;
  /** The provider adapter's typed view of a payment's preOrderPaymentData. */
  readonly providerData: (record: PreOrderPaymentRecord) => ProviderData;
}
