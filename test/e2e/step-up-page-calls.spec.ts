import type { Page } from 'playwright-core';
import { agentClient } from './agent-tab';
import { expect, test } from './fixtures';
import { approvalStatuses, approveInPopup, approveNextInPopup, auditOf, denyAllApprovals, fillCard, listApprovals, stepUpSuite, switchTabToHuman, waitForApproval } from './step-up-human';
import { openPopup, type ExtensionView } from './extension-view';

/**
 * Step-up for the two page calls that fire no DOM event the guard could hold: the Payment Request
 * API's show() and a page's own form.submit(). Both are wrapped by Airlock's MAIN-world script.
 */

const suite = stepUpSuite();

/**
 * Counts calls to the browser's own show(). A CDP init script runs before any content script, so
 * this spy is what Airlock's MAIN-world hook finds and wraps as "the original".
 */
async function spyOnBrowserShow(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __browserShowCalls: number; __browserShow: unknown };
    const browserShow = PaymentRequest.prototype.show;
    w.__browserShowCalls = 0;
    PaymentRequest.prototype.show = function show(this: PaymentRequest, ...args: []) {
      w.__browserShowCalls++;
      return browserShow.apply(this, args);
    };
    w.__browserShow = PaymentRequest.prototype.show;
  });
}

/** Airlock's refusal (the browser's own errors, AbortError included, say something else). */
const AIRLOCK_ABORT = 'AbortError: Airlock:';

const browserShowCalls = (page: Page) => page.evaluate(() => (window as unknown as { __browserShowCalls: number }).__browserShowCalls);
const outcome = (page: Page) => page.evaluate(() => ({ ...(document.getElementById('wallet-outcome') as HTMLElement).dataset }));

async function openWallet(page: Page) {
  await spyOnBrowserShow(page);
  await page.goto(`${suite.sites.urls.shop}/wallet`);
  const agent = agentClient(page);
  await agent.hello();
  // The spy sits under Airlock's wrapper (not over it), so it counts only calls Airlock lets through.
  expect(await page.evaluate(() => PaymentRequest.prototype.show !== (window as unknown as { __browserShow: unknown }).__browserShow)).toBe(true);
  return agent;
}

async function readCard(popup: ExtensionView, id: string, field: string, what = 'textContent'): Promise<string> {
  return popup.evaluate<string>(`document.querySelector('[data-testid="approval"][data-id="${id}"] [data-field="${field}"]').${what}`);
}

test('an agent page\'s PaymentRequest.show() waits for the human; denied, it rejects with AbortError and the browser\'s show() never runs', async ({ airlock, page }) => {
  const agent = await openWallet(page);
  await page.click('#wallet', { noWaitAfter: true });
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.length).toBe(1);
  expect((await outcome(page)).state).toBe('pending');

  const popup = await openPopup(airlock, page);
  const id = await waitForApproval(popup);
  expect(await popup.evaluate<string>(`document.querySelector('[data-id="${id}"]').dataset.topic`)).toBe('payment-request');
  expect(await readCard(popup, id, 'amount', 'dataset.amount')).toBe('42.00');
  expect(await readCard(popup, id, 'amount', 'dataset.currency')).toBe('EUR');
  expect(await readCard(popup, id, 'origin')).toBe(suite.sites.urls.shop);
  expect(await readCard(popup, id, 'payee')).toBe('Example Shop Ltd');
  // Still waiting while the human looks.
  expect((await outcome(page)).state).toBe('pending');
  expect(await browserShowCalls(page)).toBe(0);

  await popup.click(`[data-testid="approval"][data-id="${id}"] [data-action="deny"]`);
  await expect.poll(async () => (await outcome(page)).state).toBe('rejected');
  await popup.close();
  expect((await outcome(page)).name).toBe('AbortError');
  expect(await page.textContent('#wallet-outcome')).toContain(AIRLOCK_ABORT);
  expect(await browserShowCalls(page)).toBe(0);
  await expect.poll(() => approvalStatuses(agent)).toContain('denied');
});

test('approved with the human\'s passkey, the browser\'s own show() runs exactly once', async ({ airlock, page }) => {
  await openWallet(page);
  await page.click('#wallet', { noWaitAfter: true });
  const id = await approveNextInPopup(airlock, page, suite);

  await expect.poll(() => browserShowCalls(page)).toBe(1);
  // The browser answers for itself (no payment app here, the click's activation is long gone, the
  // popup has the focus): whatever it says, it is not Airlock's refusal.
  await expect.poll(async () => (await outcome(page)).state).not.toBe('pending');
  expect(await page.textContent('#wallet-outcome')).not.toContain(AIRLOCK_ABORT);
  const audit = await auditOf(await airlock.serviceWorker());
  const receipt = audit.find((e) => e.event === 'approved' && e.approvalId === id)?.receipt;
  expect(receipt?.action).toMatchObject({ kind: 'payment', topic: 'payment-request', amount: '42.00', currency: 'EUR', origin: suite.sites.urls.shop });
  expect(audit.some((e) => e.event === 'consumed' && e.approvalId === id)).toBe(true);
  await page.waitForTimeout(300);
  expect(await browserShowCalls(page)).toBe(1);
});

test('show(detailsPromise): the approval shows the total the promise resolves to, not the one first constructed', async ({ airlock, page }) => {
  await openWallet(page);
  await page.click('#wallet-update', { noWaitAfter: true });
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.map((a) => `${a.action.amount} ${a.action.currency}`)).toEqual(['99.00 EUR']);
  const popup = await openPopup(airlock, page);
  const id = await waitForApproval(popup);
  expect(await readCard(popup, id, 'amount', 'dataset.amount')).toBe('99.00');
  await popup.click(`[data-testid="approval"][data-id="${id}"] [data-action="deny"]`);
  await popup.close();
  await expect.poll(async () => (await outcome(page)).name).toBe('AbortError');
  expect(await browserShowCalls(page)).toBe(0);
});

test('attack: the page cannot get Airlock\'s channel nor forge its answer', async ({ page }) => {
  await openWallet(page);
  // The page asks for the port again and offers its own; then answers "go" on the port it kept.
  const offered = await page.evaluate(() => {
    let got = 0;
    window.addEventListener('airlock:page-call-port', () => got++, true);
    window.dispatchEvent(new Event('airlock:page-call-ready'));
    const forged = new MessageChannel();
    const taken = !window.dispatchEvent(new MessageEvent('airlock:page-call-port', { ports: [forged.port2], cancelable: true }));
    (window as unknown as { __forged: MessagePort }).__forged = forged.port1;
    return { got, taken };
  });
  expect(offered).toEqual({ got: 1, taken: false });
  await page.click('#wallet', { noWaitAfter: true });
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.length).toBe(1);
  await page.evaluate(() => {
    const port = (window as unknown as { __forged: MessagePort }).__forged;
    for (let call = 0; call < 5; call++) port.postMessage({ type: 'decision', call, go: true });
    window.postMessage({ type: 'decision', call: 1, go: true }, '*');
  });
  await page.waitForTimeout(500);
  expect((await outcome(page)).state).toBe('pending');
  expect(await browserShowCalls(page)).toBe(0);
  await denyAllApprovals(suite.options);
  await expect.poll(async () => (await outcome(page)).name).toBe('AbortError');
  expect(await browserShowCalls(page)).toBe(0);
});

test('in a tab the human drives, show() goes to the browser without an approval', async ({ airlock, page }) => {
  await spyOnBrowserShow(page);
  await page.goto(`${suite.sites.urls.shop}/wallet`);
  const popup = await openPopup(airlock, page);
  await switchTabToHuman(popup, suite.human);
  await popup.close();
  expect((await agentClient(page).state()).agentDriven).toBe(false);

  await page.click('#wallet', { noWaitAfter: true });
  await expect.poll(() => browserShowCalls(page)).toBe(1);
  await expect.poll(async () => (await outcome(page)).state).not.toBe('pending');
  expect(await page.textContent('#wallet-outcome')).not.toContain(AIRLOCK_ABORT);
  // The browser went as far as looking for a payment app: the click's user activation was still good.
  expect((await outcome(page)).name).toBe('NotSupportedError');
  expect((await listApprovals(suite.options)).approvals).toHaveLength(0);
});

async function openScriptCheckout(page: Page) {
  await page.goto(`${suite.sites.urls.shop}/checkout?submit=script`);
  const agent = agentClient(page);
  await agent.hello();
  await fillCard(page);
  return agent;
}

test('a page\'s own form.submit() of a checkout is held; denied, no order reaches the shop', async ({ airlock, page }) => {
  suite.sites.clearRecords();
  const agent = await openScriptCheckout(page);
  await page.click('#continue', { noWaitAfter: true });
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.length).toBe(1);
  const popup = await openPopup(airlock, page);
  const id = await waitForApproval(popup);
  expect(await readCard(popup, id, 'amount', 'dataset.amount')).toBe('42.00');
  await popup.click(`[data-testid="approval"][data-id="${id}"] [data-action="deny"]`);
  await expect.poll(() => approvalStatuses(agent)).toContain('denied');
  await popup.close();
  await page.waitForTimeout(300);
  expect(suite.sites.shop.attempts).toHaveLength(0);
  expect(new URL(page.url()).pathname).toBe('/checkout');
});

test('a page\'s own form.submit() of a checkout, approved, places the order once', async ({ airlock, page }) => {
  suite.sites.clearRecords();
  await openScriptCheckout(page);
  await page.click('#continue', { noWaitAfter: true });
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.length).toBe(1);
  expect(suite.sites.shop.attempts).toHaveLength(0);
  const popup = await openPopup(airlock, page);
  const id = await waitForApproval(popup);
  await approveInPopup(popup, suite.human, id);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  await popup.close();
  expect(suite.sites.shop.orders).toHaveLength(1);
  expect(suite.sites.shop.attempts).toHaveLength(1);
  expect(suite.sites.shop.orders[0]).toMatchObject({ amount: '42.00', currency: 'EUR' });
});

test('a page\'s own form.submit() of a checkout form inside an open shadow root is held too', async ({ page }) => {
  suite.sites.clearRecords();
  await openScriptCheckout(page);
  await page.evaluate(() => {
    const host = document.createElement('checkout-widget');
    document.body.append(host);
    const form = document.getElementById('checkout-form') as HTMLFormElement;
    host.attachShadow({ mode: 'open' }).append(form);
    form.submit();
  });
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.map((a) => a.action.amount)).toEqual(['42.00']);
  expect(suite.sites.shop.attempts).toHaveLength(0);
  await denyAllApprovals(suite.options);
  await page.waitForTimeout(300);
  expect(suite.sites.shop.attempts).toHaveLength(0);
});

test('a page\'s own form.submit() of a settings form (new API key) is held; denied, nothing reaches the site', async ({ airlock, page }) => {
  suite.sites.clearRecords();
  await page.goto(`${suite.sites.urls.settings}/?submit=script`);
  const agent = agentClient(page);
  await agent.hello();
  await page.fill('#key_name', 'deploy bot');
  await page.click('#quick-api-key', { noWaitAfter: true });
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.map((a) => a.action.topic)).toEqual(['api-key']);
  const popup = await openPopup(airlock, page);
  const id = await waitForApproval(popup);
  expect(await popup.evaluate<string>(`document.querySelector('[data-id="${id}"] [data-field-name="key_name"] .value').textContent`)).toBe('deploy bot');
  await popup.click(`[data-testid="approval"][data-id="${id}"] [data-action="deny"]`);
  await expect.poll(() => approvalStatuses(agent)).toContain('denied');
  await popup.close();
  await page.waitForTimeout(300);
  expect(suite.sites.log.filter((e) => e.path === '/api-keys')).toHaveLength(0);
});
