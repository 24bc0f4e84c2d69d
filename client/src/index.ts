/**
 * The headless payment gateway's client for storefronts: typed documents for the pre-order payment
 * flow (generated from the gateway's operations/*.graphql), and a small client that sets the
 * shopper's identity headers and the mutations' idempotency keys.
 */
export {
  type CancelResult,
  createGatewayClient,
  type GatewayClient,
  type GatewayClientOptions,
  type InitializeResult,
  type PaymentMethodsResult,
  type PlaceOrderResult,
} from './gateway-client.js';
export * from './generated/graphql.js';
export { type Identity, identityHeaders } from './identity.js';
export { GatewayGraphQLError, type WatchOptions, watchPreOrderPayment } from './watch.js';
