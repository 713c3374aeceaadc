import { describeForms, formKinds } from '../airlock-view';
import type { Scene } from '../scene';

/** The agent shops up to the card form; the payment decision is the human's. */
export const shopCheckout: Scene = {
  id: 'shop-checkout',
  title: 'Shop checkout',
  summary: 'The agent puts a product in the cart and opens the checkout; Airlock recognises the payment form.',
  async run(ctx) {
    const page = ctx.agentPage;
    await page.goto(ctx.sites.urls.shop);
    ctx.step(`Opened ${page.url()} (Example Shop).`);
    await Promise.all([page.waitForURL('**/cart'), page.click('#add-to-cart')]);
    ctx.step('Added one walnut desk organiser to the cart.');
    await Promise.all([page.waitForURL('**/checkout'), page.click('#checkout')]);
    ctx.step(`Opened the checkout: ${(await page.textContent('#order-total'))?.trim() ?? ''}, ${(await page.textContent('#payee'))?.trim() ?? ''}.`);

    const view = await ctx.askAirlock('state on the checkout page');
    for (const line of describeForms(view)) ctx.saw(`Detected: ${line}`);
    const kinds = formKinds(view);
    if (kinds) ctx.check(kinds.includes('payment'), `expected a payment form, got [${kinds.join(', ')}]`);
    await ctx.screenshotPage(page, 'checkout', 'The checkout with its card form. The agent stops before paying.');
    await ctx.screenshotPopup(page, 'popup', 'The toolbar popup on the checkout.');

    ctx.step('Did not enter card details and did not press "Place order" here (the next scene does, and the human approves).');
    ctx.check(ctx.sites.shop.orders.length === 0 && ctx.sites.shop.attempts.length === 0, 'no order should have been attempted');
    ctx.saw('The shop recorded no order attempt.');
  },
};
