import type { Money } from '../../domain/money.ts';
import { currencyDecimals } from '../../domain/money.ts';
import { builder } from '../builder.ts';

export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: "An amount in the currency's minor unit (cents), as the commerce backend counts it.",
  fields: (t) => ({
    amount: t.exposeInt('amount'),
    currency: t.exposeString('currency', { description: 'ISO 4217 code.' }),
    decimals: t.int({
      description: 'Minor-unit digits of the currency (2 for EUR, 0 for JPY), for formatting.',
      resolve: (money) => currencyDecimals(money.currency),
    }),
  }),
});
