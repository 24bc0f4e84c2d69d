/**
 * `npm run sandbox`: runs the Glue sandbox alone (SANDBOX_PORT, default a free port) so several
 * gateway processes can share it, and prints how to use it. Stops on SIGINT / SIGTERM.
 */
import { startSandbox } from './index.ts';

const port = Number(process.env.SANDBOX_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SANDBOX_PORT must be a port number, got ${process.env.SANDBOX_PORT}`);
  process.exit(1);
}

const sandbox = await startSandbox({
  port,
  host: process.env.SANDBOX_HOST ?? '127.0.0.1',
  log: (line) => console.log(line),
});
const { demo, url } = sandbox;

console.log(`Glue sandbox listening on ${url}

Use it as GLUE_BASE_URL=${url}

Demo customer  ${demo.customer.email} / ${demo.customer.password} (${demo.customer.customerReference})
  Authorization: Bearer ${demo.customer.accessToken}
  cart         ${demo.customerCartId}
Demo guest     X-Anonymous-Customer-Unique-Id: ${demo.guest.anonymousId}
  cart         ${demo.guestCartId}
SKUs           ${demo.skus.join(', ')}
Shipments      ${demo.shipmentMethods.map((method) => `${method.id} ${method.name} (${method.price})`).join(', ')}
Payments       ${demo.paymentMethods.map((method) => `${method.paymentMethodName} / ${method.paymentProviderName}`).join(', ')}

Try it:
  curl -s -H 'Accept: application/vnd.api+json' -H 'Authorization: Bearer ${demo.customer.accessToken}' '${url}/carts/${demo.customerCartId}?include=items'
Control surface: ${url}/_sandbox/demo, /_sandbox/calls, /_sandbox/faults, /_sandbox/orders, /_sandbox/transactions
`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the sandbox`);
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
