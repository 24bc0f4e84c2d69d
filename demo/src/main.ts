import { createGatewayClient } from '@headless-payment-gateway/client';
import { Checkout } from './checkout.ts';
import { loadConfig } from './config.ts';
import { expiryText, render } from './view.ts';

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const config = await loadConfig(window.location);
  const client = createGatewayClient({
    url: new URL(config.graphqlUrl, window.location.href).toString(),
    identity: { anonymousId: config.anonymousId },
  });
  const checkout: Checkout = new Checkout({ config, client, onChange: () => render(root, checkout.state, checkout) });
  render(root, checkout.state, checkout);
  // The countdown ticks without re-rendering the page.
  setInterval(() => {
    const payment = checkout.state.payment;
    const shown = root.querySelector('[data-testid="expires-at"]');
    if (payment && shown) shown.textContent = expiryText(payment, Date.now());
  }, 1000);
  await checkout.load();
}

main().catch((error: unknown) => {
  document.body.textContent = `The demo could not start: ${error instanceof Error ? error.message : String(error)}`;
});
