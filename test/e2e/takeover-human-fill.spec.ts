import { test, expect } from './fixtures';
import { SITE_USERS, startSites, type RunningSites } from '../sites/start-sites';
import { auditJson, setUpVault } from './takeover-harness';
import { switchTabToHuman } from './step-up-human';
import { openPopup } from './extension-view';

/**
 * The human's own tab: Airlock behaves like an ordinary password manager and fills only when asked in
 * the toolbar popup, the password form or (on request) the one-time-code field from the entry's TOTP.
 */
const ada = SITE_USERS.ada;
let sites: RunningSites;

test.beforeAll(async () => {
  sites = await startSites();
});
test.afterAll(async () => {
  await sites?.close();
});

test('the human fills the one-time code from the popup, only when asked, and only into a code field', async ({ airlock, page }) => {
  await setUpVault(airlock, [{ title: 'Example Mail', origin: sites.urls.signIn, username: ada.username, password: ada.password, totp: ada.totpSecret }]);
  // The human takes this tab over in the toolbar ("Me"): it is theirs, not the agent's.
  await page.goto(`${sites.urls.signIn}/`);
  const toggle = await openPopup(airlock, page);
  await switchTabToHuman(toggle);
  await toggle.close();

  await page.goto(`${sites.urls.signIn}/login-totp`);
  let popup = await openPopup(airlock, page);
  try {
    await popup.waitForSelector('[data-fill-code-entry-id]', { timeout: 15_000 });
    // Nothing waits for the human here: the section is headed as passwords, not as an empty queue.
    expect(await popup.evaluate<string>("document.getElementById('credentials-heading').textContent")).toBe('Passwords');
    // On the password page, a code goes nowhere: there is no code field.
    await popup.click('[data-fill-code-entry-id]');
    await popup.waitForSelector('[data-testid="credential-error"][data-code="CREDENTIAL_NO_FORM"]', { timeout: 15_000 });
    expect(await page.inputValue('#password')).toBe('');
    // The password fill, as before: filled, not submitted (the human submits their own tab).
    await popup.click('[data-fill-entry-id]');
    await expect.poll(() => page.inputValue('#password')).toBe(ada.password);
  } finally {
    await popup.close();
  }
  await page.click('button[type="submit"]');
  await page.waitForURL('**/login-totp/code');

  popup = await openPopup(airlock, page);
  try {
    await popup.waitForSelector('[data-fill-code-entry-id]', { timeout: 15_000 });
    // Never on load: the popup is open and offering, and the field is still empty.
    expect(await page.inputValue('#otp')).toBe('');
    await popup.click('[data-fill-code-entry-id]');
    await expect.poll(() => page.inputValue('#otp')).toMatch(/^\d{6}$/);
    await popup.waitForSelector('.human-fill .note');
  } finally {
    await popup.close();
  }
  expect(page.url()).toContain('/login-totp/code');
  await page.click('#verify');
  await page.waitForURL('**/account');
  await expect(page.locator('#signed-in-as')).toContainText('Ada Lovelace');

  const audit = JSON.parse(await auditJson(airlock)) as { entries: Array<{ kind: string; origin?: string; agent?: string; details?: { step?: string } }> };
  const codeFills = audit.entries.filter((e) => e.kind === 'fill' && e.origin === sites.urls.signIn && e.details?.step === 'otp');
  expect(codeFills.length).toBeGreaterThan(0);
  expect(codeFills.every((e) => e.agent === 'human')).toBe(true);
});
