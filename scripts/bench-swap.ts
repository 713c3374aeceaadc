/**
 * `npm run bench:swap [-- rounds]` (also the second half of `npm run bench`): from the human's
 * decision to signed in, the credential swap against the weaker in-page fill, in real Chromium with
 * the built extension (`npm run build:chrome` first), alternating in the same run on the local
 * sign-in site:
 *   classic form (`/login`): a POST answered by a redirect;
 *   script sign-in (`/login-spa`): a `fetch` with a JSON body.
 * The clock starts at the human's "Confirm" click in the toolbar popup (the master password: no
 * passkey is enrolled) and stops when the tab shows the signed-in page. Prints figures; asserts nothing.
 */
import type { Page } from 'playwright-core';
import { launchExtensionBrowser, type ExtensionBrowser } from '../test/e2e/extension-browser';
import { openPopup, openSettings, type ExtensionView } from '../test/e2e/extension-view';
import { sendFromExtensionPage } from '../test/e2e/step-up-human';
import { MASTER_PASSWORD, setUpVault } from '../test/e2e/takeover-harness';
import { SITE_USERS, startSites } from '../test/sites/start-sites';
import { median } from './bench/median';

const rounds = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 8);
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${Math.round(median(s))} ms, min ${s[0]} ms, max ${s.at(-1)} ms (n=${s.length})`;
};

/** One sign-in: the human picks the entry (ticking the weaker fill or not), confirms; timed from the confirm. */
async function signIn(airlock: ExtensionBrowser, page: Page, url: string, inPage: boolean): Promise<number> {
  await page.context().clearCookies();
  await page.goto(url);
  const popup = await openPopup(airlock, page);
  try {
    await popup.waitForSelector('.credential-request', { timeout: 15_000 });
    if (inPage) {
      await popup.click('.credential-request .credential-in-page-option summary');
      await popup.click('.credential-request input[name="in-page"]');
    }
    await popup.click('.credential-request [data-entry-id]');
    await popup.waitForSelector('[data-testid="confirm-password-form"]', { timeout: 10_000 });
    await popup.locator('input[name="confirm-master-password"]').fill(MASTER_PASSWORD);
    const started = performance.now();
    await popup.locator('[data-action="confirm-password"]').click();
    await page.waitForSelector('#signed-in-as', { timeout: 30_000 });
    return Math.round(performance.now() - started);
  } finally {
    await popup.close().catch(() => undefined);
  }
}

async function withdrawInPage(settings: ExtensionView, origin: string): Promise<void> {
  const sites = (await sendFromExtensionPage(settings, 'credential.inPageSites', {})).value as Array<{ origin: string }>;
  if (sites.some((s) => s.origin === origin)) await sendFromExtensionPage(settings, 'credential.revokeInPage', { origin });
}

const airlock = await launchExtensionBrowser();
const sites = await startSites();
try {
  const ada = SITE_USERS.ada;
  await setUpVault(airlock, [{ title: 'Example Mail', origin: sites.urls.signIn, username: ada.username, password: ada.password }]);
  const page = await airlock.context.newPage();
  const settings = await openSettings(airlock, page);
  const series: Record<string, number[]> = { 'form, swap': [], 'form, in-page': [], 'fetch, swap': [], 'fetch, in-page': [] };
  // One untimed sign-in of each kind first (the first start of the offscreen document, caches).
  for (const path of ['/login', '/login-spa']) await signIn(airlock, page, `${sites.urls.signIn}${path}`, false);
  for (let i = 0; i < rounds; i++) {
    for (const [kind, path] of [['form', '/login'], ['fetch', '/login-spa']] as const) {
      // Alternate which goes first, so drift in the machine's load falls on both.
      const order = i % 2 ? [true, false] : [false, true];
      for (const inPage of order) {
        await withdrawInPage(settings, sites.urls.signIn);
        series[`${kind}, ${inPage ? 'in-page' : 'swap'}`]!.push(await signIn(airlock, page, `${sites.urls.signIn}${path}`, inPage));
      }
    }
  }
  console.log('decision (Confirm click) → signed-in page shown, local sign-in site, same run:');
  for (const [name, times] of Object.entries(series)) console.log(`  ${name.padEnd(16)} ${stats(times)}`);
  for (const kind of ['form', 'fetch']) {
    const ratio = median(series[`${kind}, swap`]!) / median(series[`${kind}, in-page`]!);
    console.log(`  ${kind}: swap / in-page median ratio ${ratio.toFixed(2)}`);
  }
  await settings.close();
} finally {
  await sites.close();
  await airlock.close();
}
