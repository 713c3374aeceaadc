/**
 * Step-up latency, measured in real Chromium with the built extension (`npm run build:chrome` first):
 *   queued  — the agent's click on "Place order" → the approval is in Airlock's queue;
 *   popup   — the same click → the approval is listed in a freshly opened toolbar popup;
 *   replay  — the human's Approve click (virtual authenticator) → the order reached the local shop.
 * Prints figures; asserts nothing. Usage: tsx scripts/bench-approvals.ts [runs]
 */
import { launchExtensionBrowser } from '../test/e2e/extension-browser';
import { approveInPopup, HumanKey, sendFromExtensionPage, waitForApproval } from '../test/e2e/step-up-human';
import { ToolbarPopup } from '../test/e2e/toolbar-popup';
import { SITE_CARD, startSites } from '../test/sites/start-sites';

const runs = Number(process.argv[2] ?? 5);
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]} ms, min ${s[0]} ms, max ${s.at(-1)} ms (n=${s.length})`;
};

const airlock = await launchExtensionBrowser();
const sites = await startSites();
try {
  const human = new HumanKey();
  const options = await human.enroll(airlock, 'Bench key');
  const queued: number[] = [];
  const popupShown: number[] = [];
  const replay: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await airlock.context.newPage();
    await page.goto(`${sites.urls.shop}/checkout`);
    await page.fill('#card_holder', SITE_CARD.holder);
    await page.fill('#card_number', SITE_CARD.number);
    await page.fill('#card_expiry', SITE_CARD.expiry);
    await page.fill('#card_cvc', SITE_CARD.cvc);
    const orders = sites.shop.orders.length;
    const clicked = performance.now();
    await page.click('#place-order', { noWaitAfter: true });
    for (;;) {
      const reply = (await sendFromExtensionPage(options, 'approval.list', {})) as { value: { approvals: unknown[] } };
      if (reply.value.approvals.length > 0) break;
    }
    queued.push(Math.round(performance.now() - clicked));
    const popup = await ToolbarPopup.open(airlock, page);
    const id = await waitForApproval(popup);
    popupShown.push(Math.round(performance.now() - clicked));
    const approved = performance.now();
    await approveInPopup(popup, human, id);
    while (sites.shop.orders.length === orders) await new Promise((r) => setTimeout(r, 5));
    replay.push(Math.round(performance.now() - approved));
    await popup.close();
    await page.close();
  }
  console.log(`click → approval queued:                 ${stats(queued)}`);
  console.log(`click → listed in a newly opened popup:  ${stats(popupShown)}`);
  console.log(`approve click → order reached the shop:  ${stats(replay)} (includes the WebAuthn ceremony)`);
} finally {
  await sites.close();
  await airlock.close();
}
