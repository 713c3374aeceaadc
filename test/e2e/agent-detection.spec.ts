import { test, expect } from './fixtures';
import { agentClient, badgeText, tabIdOf } from './agent-tab';
import { openPopup } from './extension-view';
import { expectOwnPageRefused } from './own-page';
import { MASTER_PASSWORD, setUpVault } from './takeover-harness';
import type { ExtensionView } from './extension-view';

/**
 * Switches the popup's tab to "Me" as the human does: the choice, then the proof it asks for (a click
 * is no proof: the master password, typed in the popup, while no passkey is enrolled).
 */
async function switchToMe(popup: ExtensionView): Promise<void> {
  await popup.click('input[name="tab"][value="human"]');
  await popup.waitForSelector('[data-testid="confirm-password-form"]', { timeout: 10_000 });
  // Not switched yet: the choice alone changes nothing.
  expect(await popup.text()).toContain('An agent is driving this tab');
  await popup.locator('input[name="confirm-master-password"]').fill(MASTER_PASSWORD);
  await popup.locator('[data-action="confirm-password"]').click();
}

const PAGE = '<!doctype html><title>Plain page</title><h1>Plain page</h1>';

test('a Playwright-driven tab is agent-driven, says why, and shows it on the badge and in the popup', async ({ airlock, server, page }) => {
  await page.goto(server.route('/plain', PAGE));
  const client = agentClient(page);

  const before = await client.state();
  expect(before.agentDriven).toBe(true);
  // Playwright's goto (CDP Page.navigate), its headless browser, its --enable-automation flag.
  expect(before.signals.map((s) => s.source)).toEqual(['navigation', 'headless', 'webdriver']);

  const { protocol, state } = await client.hello();
  expect(protocol).toBe(1);
  expect(state.signals.map((s) => [s.source, s.detail])).toEqual([
    ['handshake', 'e2e-agent 1.0'],
    ['navigation', 'Page.navigate'],
    ['headless', 'HeadlessChrome'],
    ['webdriver', 'navigator.webdriver'],
  ]);

  const worker = await airlock.serviceWorker();
  const tabId = await tabIdOf(worker, page);
  await expect.poll(() => badgeText(worker, tabId)).toBe('AI');

  const popup = await openPopup(airlock, page);
  const text = await popup.text();
  expect(text).toContain('An agent is driving this tab');
  expect(text).toContain('The agent introduced itself: e2e-agent 1.0');
  expect(text).toContain('The browser is under automation (navigator.webdriver)');
  expect(text).toContain('Opened by a remote-control protocol');
  expect(text).toContain('A headless browser');
  await popup.close();
});

test('a tab the human switches to "Me" in the toolbar popup, proven with the master password, is not agent-driven; other tabs still are', async ({ airlock, server, page }) => {
  await setUpVault(airlock, []);
  await page.goto(server.route('/human', PAGE));
  const other = await airlock.context.newPage();
  await other.goto(server.route('/other', PAGE));
  const worker = await airlock.serviceWorker();
  const tabId = await tabIdOf(worker, page);
  expect((await agentClient(page).state()).agentDriven).toBe(true);

  const popup = await openPopup(airlock, page);
  await switchToMe(popup);
  await expect.poll(() => popup.text()).toContain('You are driving this tab');
  await popup.close();

  const state = await agentClient(page).state();
  expect(state.agentDriven).toBe(false);
  expect(state.signals).toContainEqual(expect.objectContaining({ source: 'human', agent: false, detail: 'tab' }));
  await expect.poll(() => badgeText(worker, tabId)).toBe('');
  expect((await agentClient(other).state()).agentDriven).toBe(true);
  await other.close();
});

test('the agent cannot switch its tab to human by opening popup.html in a tab and clicking: the tab is closed on sight and audited', async ({ airlock, server, page }) => {
  await page.goto(server.route('/victim', PAGE));
  const worker = await airlock.serviceWorker();
  const tabId = await tabIdOf(worker, page);

  // Formerly the page loaded and its toggle was refused (SENDER_FORBIDDEN); now Airlock closes the
  // tab before the page's scripts run: there is no toggle to click.
  await expectOwnPageRefused(airlock, `/popup.html?tabId=${tabId}`);

  expect((await agentClient(page).state()).agentDriven).toBe(true);
});

test('a handshake outweighs the human\'s "Me": a page can only add protection', async ({ airlock, server, page }) => {
  await setUpVault(airlock, []);
  await page.goto(server.route('/handshake-wins', PAGE));
  const popup = await openPopup(airlock, page);
  await switchToMe(popup);
  await expect.poll(() => popup.text()).toContain('You are driving this tab');
  await popup.close();
  expect((await agentClient(page).state()).agentDriven).toBe(false);

  const { state } = await agentClient(page).hello();
  expect(state.agentDriven).toBe(true);
  expect(state.overriddenHumanOff).toBe(true);
});
