import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useBrowser } from '../support/browser.ts';
import { useDevServer } from '../support/processes.ts';

const server = useDevServer();
const browser = useBrowser();

/** What an editor shows (Monaco draws spaces as no-break spaces, and only the lines in view). */
async function shown(editor: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
  return (await editor.innerText()).replaceAll('\u00a0', ' ');
}

/** The active tab's title as shown (its DOM text also holds the close icon's label). */
async function activeTab(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
  return page.locator('.graphiql-tab-active').innerText();
}

/** The text GraphiQL's result pane shows once it holds `expected`. */
async function resultHolding(page: Page, expected: string): Promise<string> {
  const pane = page.locator('.result-window');
  await expect.poll(async () => shown(pane), { timeout: 10_000 }).toContain(expected);
  return shown(pane);
}

async function openTab(page: Page, operation: string): Promise<void> {
  await page.getByRole('button', { name: operation, exact: true }).click();
  await expect.poll(async () => activeTab(page)).toBe(operation);
  // The tab's title changes before its document reaches the editor; run before that and GraphiQL
  // sends the previous tab's operation name ("Cannot infer operation"). A person waits to see it.
  const document = new RegExp(`\\b(?:query|mutation|subscription) ${operation}\\b`);
  await expect.poll(async () => shown(page.locator('.graphiql-query-editor'))).toMatch(document);
}

async function run(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
}

describe('GraphiQL as npm start serves it, in Chromium', () => {
  it('runs PaymentMethods → InitializePreOrderPayment → PlaceOrder from its tabs by clicking, as a person would', async () => {
    const { page } = await browser.newPage();
    const sentIdentities: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && !request.postData()?.includes('IntrospectionQuery'))
        sentIdentities.push(request.headers()['x-anonymous-customer-unique-id']);
    });
    const demo = await server.control.demo();
    await page.goto(`${server.baseUrl}/graphql`);

    // The flow's steps, in its order, the first one open with its variables and header in the panes.
    const tabs = page.locator('.graphiql-tab');
    await expect
      .poll(async () => tabs.allInnerTexts())
      .toEqual([
        'PaymentMethods',
        'InitializePreOrderPayment',
        'PreOrderPayment',
        'PlaceOrder',
        'CancelPreOrderPayment',
        'ActivePreOrderPayment',
        'PreOrderPaymentUpdated',
      ]);
    await expect.poll(async () => activeTab(page)).toBe('PaymentMethods');
    const variables = page.locator('.graphiql-editor-tool .graphiql-editor').first();
    await expect.poll(async () => shown(variables)).toContain(demo.guestCartId);
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor').last();
    await expect.poll(async () => shown(headers)).toContain(demo.guest.anonymousId);
    await page.getByRole('button', { name: 'Variables', exact: true }).click();

    await run(page);
    await resultHolding(page, '"PaymentMethodList"');

    await openTab(page, 'InitializePreOrderPayment');
    await run(page);
    const initialized = await resultHolding(page, '"InitializePreOrderPaymentSuccess"');
    const paymentId = /"id": "([^"]+)"/.exec(initialized)?.[1];
    expect(paymentId).toBeTruthy();

    // What the recipe says: put the answered id into PlaceOrder's variables.
    await openTab(page, 'PlaceOrder');
    await expect.poll(async () => shown(variables)).toContain('<id from InitializePreOrderPayment>');
    await variables.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText(JSON.stringify({ input: { preOrderPaymentId: paymentId } }));
    await run(page);
    const placed = await resultHolding(page, '"PlaceOrderSuccess"');
    expect(placed).toMatch(/"orderReference": "DE--\d+"/);
    await screenshot(page, 'graphiql-place-order');

    // Every operation went out with the sandbox guest's identity from the Headers pane.
    expect(sentIdentities).toHaveLength(3);
    expect(new Set(sentIdentities)).toEqual(new Set([demo.guest.anonymousId]));
  });
});
