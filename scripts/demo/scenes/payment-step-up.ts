import type { Page } from 'playwright-core';
import { approveInPopup, HumanKey, waitForApproval } from '../../../test/e2e/step-up-human';
import { ToolbarPopup } from '../../../test/e2e/toolbar-popup';
import { SITE_CARD } from '../../../test/sites/start-sites';
import type { Scene, SceneContext } from '../scene';

const PASSKEY_NAME = 'Demo key';

interface ShownApproval {
  id: string;
  amount: string;
  currency: string;
  payee: string;
  origin: string;
}

/**
 * Payment step-up: the agent may fill a checkout and press "Place order", but the order only leaves the
 * browser once the human approves it with a passkey in the toolbar popup. The passkey lives in a CDP
 * virtual authenticator, carried from the settings (enrollment) to the popup (approval).
 */
export const paymentStepUp: Scene = {
  id: 'payment-step-up',
  title: "A payment waits for the human's passkey",
  summary: 'The agent fills the checkout with a test card and presses "Place order"; Airlock holds the order until the human approves amount and payee with a passkey in the toolbar popup.',
  async run(ctx) {
    const human = new HumanKey();
    const options = await human.enroll(ctx.browser, PASSKEY_NAME);
    try {
      ctx.step(`(The human) Enrolled a passkey "${PASSKEY_NAME}" in the settings (a virtual platform authenticator with user verification).`);
      const enrolled = options.locator('[data-testid="passkey"]');
      ctx.check((await enrolled.count()) === 1, `the settings should list one passkey, it lists ${await enrolled.count()}`);
      const listed = await enrolled.locator('input').inputValue();
      ctx.check(listed === PASSKEY_NAME, `the settings should list the passkey "${PASSKEY_NAME}", it lists "${listed}"`);
      await options.locator('[data-testid="passkeys"]').evaluate((section) => section.scrollIntoView({ block: 'start' }));
      await ctx.screenshotPage(options, 'passkey', 'The settings with the enrolled passkey.');
    } finally {
      await options.close();
    }

    const page = ctx.agentPage;
    const ordersBefore = ctx.sites.shop.orders.length;
    await page.goto(`${ctx.sites.urls.shop}/checkout`);
    ctx.step(`Opened ${page.url()}: ${(await page.textContent('#order-total'))?.trim() ?? ''}, ${(await page.textContent('#payee'))?.trim() ?? ''}.`);
    await ctx.agent.hello();
    ctx.step('Sent the handshake for this page.');
    await page.fill('#card_holder', SITE_CARD.holder);
    await page.fill('#card_number', SITE_CARD.number);
    await page.fill('#card_expiry', SITE_CARD.expiry);
    await page.fill('#card_cvc', SITE_CARD.cvc);
    ctx.step("Filled the card form with the shop's test card (not a card of the user's).");
    await page.click('#place-order', { noWaitAfter: true });
    ctx.step('Clicked "Place order".');

    const pending = await waitForApprovalEvent(ctx, 'pending');
    ctx.protocol('approval event: the order is held', pending.approval);
    ctx.saw(`Airlock held the order and told the agent: ${pending.approval.kind} approval "${pending.approval.topic}" is ${pending.approval.status}.`);
    ctx.check(ctx.sites.shop.attempts.length === 0, 'the shop should have received nothing while the order is held');
    ctx.saw('The shop has received no order attempt yet.');
    await ctx.screenshotPage(page, 'held', 'The checkout after "Place order": the order is held by Airlock, nothing was sent.');

    let shown: ShownApproval | undefined;
    await ctx.screenshotPopup(page, 'popup-approval', 'The real toolbar popup asks the human to approve the payment: amount, payee and site.', {
      alsoTo: 'docs/screenshots/popup-payment.png',
      act: async (popup) => {
        shown = await readApproval(popup, await waitForApproval(popup));
      },
    });
    ctx.check(shown !== undefined, 'the popup should list the held payment');
    const approval = shown!;
    ctx.saw(`The popup shows ${approval.amount} ${approval.currency} to ${approval.payee} on ${approval.origin}.`);
    ctx.check(approval.amount === (await page.getAttribute('#order-total', 'data-amount')), 'the popup should show the amount on the page');
    ctx.check(approval.origin === ctx.sites.urls.shop, `the popup should name ${ctx.sites.urls.shop}`);

    await approve(ctx, page, human, approval.id);
    ctx.step('(The human) Clicked Approve in the toolbar popup and confirmed with the passkey.');
    const confirmation = ((await page.textContent('#order-confirmation')) ?? '').trim().replace(/\.$/, '');
    ctx.step(`Ended on the confirmation: "${confirmation}".`);

    const placed = ctx.sites.shop.orders.slice(ordersBefore);
    ctx.check(placed.length === 1, `the shop should have received exactly one order, got ${placed.length}`);
    ctx.check(ctx.sites.shop.attempts.length === 1, `the shop should have seen exactly one order attempt, got ${ctx.sites.shop.attempts.length}`);
    const order = placed[0]!;
    ctx.check(order.amount === approval.amount && order.payee === approval.payee, 'the order should match what the human approved');
    ctx.saw(`The shop received exactly one order: ${order.orderNumber}, ${order.amount} ${order.currency} to ${order.payee}.`);
    await ctx.screenshotPage(page, 'confirmed', 'The order confirmation, after the human approved.');
  },
};

type ApprovalEvent = { event: 'approval'; approval: { id: string | null; kind: string; topic: string; status: string } };

/** Polls the events Airlock pushed to the agent's document (approval events are pushed, never asked for). */
async function waitForApprovalEvent(ctx: SceneContext, status: string, timeoutMs = 20_000): Promise<ApprovalEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (await ctx.agent.events()) as unknown as Array<Partial<ApprovalEvent>>;
    const match = events.find((e): e is ApprovalEvent => e.event === 'approval' && e.approval?.status === status);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no "${status}" approval event within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readApproval(popup: ToolbarPopup, id: string): Promise<ShownApproval> {
  const card = `[data-testid="approval"][data-id="${id}"]`;
  return popup.evaluate<ShownApproval>(`(() => {
    const field = (name) => document.querySelector('${card} [data-field="' + name + '"]');
    return { id: ${JSON.stringify(id)}, amount: field('amount')?.dataset.amount ?? '', currency: field('amount')?.dataset.currency ?? '',
      payee: field('payee')?.textContent ?? '', origin: field('origin')?.textContent ?? '' };
  })()`);
}

/** The human opens the popup again (it closed for the screenshot) and approves with the passkey. */
async function approve(ctx: SceneContext, page: Page, human: HumanKey, id: string): Promise<void> {
  const popup = await ToolbarPopup.open(ctx.browser, page);
  try {
    ctx.check((await waitForApproval(popup)) === id, 'the popup should still list the same approval');
    await approveInPopup(popup, human, id);
    await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  } finally {
    await popup.close();
  }
}
