import type { PaymentMethodInfo, PaymentStrategy } from '../../domain/ports/glue-port.ts';
import type { PaymentMethodList } from '../../resolvers/queries/list-payment-methods.ts';
import { builder } from '../builder.ts';

const StrategyEnum = builder.enumType('PaymentStrategy', {
  values: {
    EMBEDDED: { description: "Rendered in the storefront by the provider's widget; supports pre-order payment." },
    EXPRESS_CHECKOUT: { description: 'Express buttons before address entry; supports pre-order payment.' },
    HOSTED_PAGE: { description: "Order first, then a redirect to the provider's page; no pre-order payment." },
    OFFLINE: { description: 'Not an app payment method (e.g. invoice); no pre-order payment.' },
  } satisfies Record<PaymentStrategy, { description: string }>,
});

const ScriptRef = builder.objectRef<PaymentMethodInfo['providerScripts'][number]>('ProviderScript').implement({
  fields: (t) => ({
    url: t.exposeString('url'),
    queryParams: t.field({ type: 'JSON', nullable: true, resolve: (script) => script.queryParams }),
  }),
});

const PaymentMethodRef = builder.objectRef<PaymentMethodInfo>('PaymentMethod').implement({
  fields: (t) => ({
    paymentMethodName: t.exposeString('paymentMethodName'),
    paymentProviderName: t.exposeString('paymentProviderName'),
    priority: t.int({ nullable: true, resolve: (method) => method.priority }),
    strategy: t.field({ type: StrategyEnum, resolve: (method) => method.strategy }),
    supportsPreOrderPayment: t.exposeBoolean('supportsPreOrderPayment'),
    providerConfiguration: t.field({
      type: 'JSON',
      nullable: true,
      description:
        "The provider SDK configuration (Glue's checkoutConfiguration.paymentServiceProviderData), nothing else of the app's configuration.",
      resolve: (method) => method.providerConfiguration,
    }),
    providerScripts: t.field({
      type: [ScriptRef],
      description: "Scripts the storefront loads for the provider's SDK (Glue's checkoutConfiguration.scripts).",
      resolve: (method) => method.providerScripts,
    }),
  }),
});

export const PaymentMethodListRef = builder.objectRef<PaymentMethodList>('PaymentMethodList').implement({
  fields: (t) => ({
    cartId: t.exposeID('cartId'),
    methods: t.field({ type: [PaymentMethodRef], resolve: (list) => list.methods }),
  }),
});
