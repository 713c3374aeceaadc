import { test, expect } from './fixtures';
import { generateTotp, SITE_USERS, startSites, type RunningSites } from '../sites/start-sites';
import { exposedPasswordFields, LeakRecorder, type Secret } from './leak-checks';
import { expectView, openPopup, openSettings } from './extension-view';
import { auditFor, auditJson, confirmWithMasterPassword, decideInPopup, RecordingAgent, setUpVault } from './takeover-harness';

const ada = SITE_USERS.ada;
let sites: RunningSites;
let vaultReady = false;

test.beforeAll(async () => {
  sites = await startSites();
});
test.afterAll(async () => {
  await sites?.close();
});

test.beforeEach(async ({ airlock }) => {
  if (vaultReady) return;
  await setUpVault(airlock, [
    { title: 'Example Mail', origin: sites.urls.signIn, username: ada.username, password: ada.password, totp: ada.totpSecret },
    { title: 'Example Cloud', origin: sites.urls.multiStep, username: ada.username, password: ada.password },
  ]);
  vaultReady = true;
});

/** The password, and every one-time code valid around the run (they are secrets too). */
function secrets(): Secret[] {
  const now = Date.now();
  const codes = [-60_000, -30_000, 0, 30_000, 60_000].map((offset) => generateTotp(ada.totpSecret, now + offset));
  return [{ label: 'password', value: ada.password }, ...[...new Set(codes)].map((code) => ({ label: 'one-time code', value: code, token: true }))];
}

async function assertNoLeaks(agent: RecordingAgent, airlock: Parameters<typeof auditJson>[0]): Promise<void> {
  agent.finish();
  agent.recorder.add('audit-log', await auditJson(airlock));
  for (const channel of ['aria-snapshot', 'ax-tree', 'page-content', 'screenshot-dom', 'agent-log', 'protocol', 'audit-log'] as const) {
    expect(agent.recorder.count(channel), `${channel} was recorded`).toBeGreaterThan(0);
  }
  expect(agent.recorder.findings(secrets())).toEqual([]);
  expect(await exposedPasswordFields(agent.page, secrets())).toEqual([]);
}

test('single-step: the agent cannot type the password, the human picks the entry, Airlock fills and submits', async ({ airlock, page }) => {
  const agent = new RecordingAgent(page, new LeakRecorder());
  await agent.goto(`${sites.urls.signIn}/login`);
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  // The human is told in the toolbar: the tab's badge, and a system notification.
  type Chrome = { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> }; action: { getBadgeText(d: { tabId: number }): Promise<string> }; notifications: { getAll(): Promise<Record<string, boolean>> } } };
  const worker = await airlock.serviceWorker();
  const tabId = await worker.evaluate(
    async (prefix) => Math.max(...(await (globalThis as unknown as Chrome).chrome.tabs.query({})).filter((t) => t.url?.startsWith(prefix)).map((t) => t.id ?? -1)),
    `${sites.urls.signIn}/login`,
  );
  await expect.poll(() => worker.evaluate((id) => (globalThis as unknown as Chrome).chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('KEY');
  const credentialNotifications = async () => Object.keys(await worker.evaluate(() => (globalThis as unknown as Chrome).chrome.notifications.getAll())).filter((id) => id.startsWith('airlock-credential-'));
  await expect.poll(async () => (await credentialNotifications()).length).toBe(1);
  await agent.tryType('#email', ada.username);
  expect(await agent.tryType('#password', 'agent-guess-123')).toBe('');
  await page.keyboard.type('more-typing');
  expect(await page.inputValue('#password')).toBe('');
  // Pasting from the clipboard is refused the same way; the same paste does reach an ordinary field.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sites.urls.signIn });
  await page.bringToFront();
  await page.evaluate(() => navigator.clipboard.writeText('pasted-guess-456'));
  await page.focus('#password');
  await page.keyboard.press('ControlOrMeta+V');
  expect(await page.inputValue('#password')).toBe('');
  await page.fill('#email', '');
  await page.focus('#email');
  await page.keyboard.press('ControlOrMeta+V');
  expect(await page.inputValue('#email')).toBe('pasted-guess-456');
  // A real drop of text (the browser's own drag and drop, not a synthetic event) is refused likewise.
  const dropText = async (selector: string, text: string) => {
    const box = (await page.locator(selector).boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const data = { items: [{ mimeType: 'text/plain', data: text }], dragOperationsMask: 1 };
    const cdp = await page.context().newCDPSession(page);
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
    await cdp.detach();
  };
  await page.fill('#email', '');
  await dropText('#password', 'dropped-guess-789');
  await dropText('#email', 'dropped-guess-789');
  expect(await page.inputValue('#email')).toBe('dropped-guess-789');
  expect(await page.inputValue('#password')).toBe('');
  await expect(page.locator('#password')).toHaveAttribute('aria-description', /Airlock/);
  await expect(page.locator('#password')).toHaveAttribute('placeholder', /Airlock/);
  await agent.observe();
  expect(await page.locator('body').ariaSnapshot()).toContain('Airlock fills this field');

  const prompt = await decideInPopup(airlock, page, { entryTitle: 'Example Mail' });
  expect(prompt).toContain(sites.urls.signIn);
  // The form was found before the agent's hello; the prompt names the agent as it introduced itself.
  expect(prompt).toContain('Sign-in asked by takeover-agent 1.0');
  await page.waitForURL('**/account');
  await expect(page.locator('#signed-in-as')).toContainText('Ada Lovelace');
  // Decided, the request no longer asks: its notification is gone.
  await expect.poll(credentialNotifications).toEqual([]);
  await agent.observe();
  expect(sites.log.some((e) => e.method === 'POST' && e.path === '/login')).toBe(true);
  await assertNoLeaks(agent, airlock);
});

test('multi-step: the username step, then the password step of the same sign-in, with one decision', async ({ airlock, page }) => {
  const agent = new RecordingAgent(page, new LeakRecorder());
  await agent.goto(`${sites.urls.multiStep}/`);
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  await agent.observe();
  await decideInPopup(airlock, page, { entryTitle: 'Example Cloud' });
  // As for TOTP: the carried decision may submit the password page before the popup has closed.
  await page.waitForURL(/\/password$|\/account$/);
  await agent.hello();
  await agent.observe();
  await page.waitForURL('**/account');
  await expect(page.locator('#signed-in-as')).toContainText('Ada Lovelace');
  await agent.observe();
  const posts = sites.log.filter((e) => e.site === 'multiStep' && e.method === 'POST').map((e) => e.path);
  expect(posts).toEqual(expect.arrayContaining(['/identifier', '/password']));
  await assertNoLeaks(agent, airlock);
});

test('SPA with framework-controlled inputs: the framework sees the fill, and the value is cleared after submit', async ({ airlock, page }) => {
  const agent = new RecordingAgent(page, new LeakRecorder());
  await agent.goto(`${sites.urls.signIn}/login-spa`);
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  expect(await agent.tryType('#password', 'agent-guess-456')).toBe('');
  await agent.observe();
  await decideInPopup(airlock, page, { entryTitle: 'Example Mail' });
  await expect(page.locator('#signed-in-as')).toContainText('Ada Lovelace');
  await agent.waitForLogin(['submitted']);
  await agent.collectEvents();
  await agent.observe();
  await assertNoLeaks(agent, airlock);
});

test('TOTP second step: Airlock computes the code and fills it the same way', async ({ airlock, page }) => {
  const agent = new RecordingAgent(page, new LeakRecorder());
  await agent.goto(`${sites.urls.signIn}/login-totp`);
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  await decideInPopup(airlock, page, { entryTitle: 'Example Mail' });
  // The carried decision may fill and submit the code page before the popup has closed: accept either.
  await page.waitForURL(/\/login-totp\/code$|\/account$/);
  await agent.observe();
  await page.waitForURL('**/account');
  await expect(page.locator('#signed-in-as')).toContainText('Ada Lovelace');
  await agent.observe();
  expect(sites.log.some((e) => e.path === '/login-totp/code' && e.method === 'POST' && e.ok)).toBe(true);
  await assertNoLeaks(agent, airlock);
});

test('a sign-in found before any hello says why the tab is an agent\'s: a remote-control protocol, or the human\'s "every tab"', async ({ airlock, page }) => {
  // No hello: the prompt can only name the signal that told.
  await page.goto(`${sites.urls.signIn}/login`);
  expect(await decideInPopup(airlock, page, 'deny')).toContain('Sign-in in an agent-driven tab (opened by a remote-control protocol: Playwright, Puppeteer, Selenium, CDP)');

  const toggle = await openPopup(airlock, page);
  await toggle.click('input[name="always"]');
  await toggle.close();
  await page.goto(`${sites.urls.signIn}/login`);
  expect(await decideInPopup(airlock, page, 'deny')).toContain('Sign-in in an agent-driven tab (your setting: every tab)');

  // Cleared as the human does it (lowering protection takes the master password), for the tests after.
  const clear = await openPopup(airlock, page);
  await clear.click('input[name="always"]');
  await confirmWithMasterPassword(clear);
  await expect.poll(() => clear.evaluate<boolean>('document.querySelector(\'input[name="always"]\').checked')).toBe(false);
  await clear.close();
});

test('a denial is told to the agent and nothing is filled', async ({ airlock, page }) => {
  const agent = new RecordingAgent(page, new LeakRecorder());
  await agent.goto(`${sites.urls.signIn}/login`);
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  await decideInPopup(airlock, page, 'deny');
  await agent.waitForLogin(['denied']);
  expect(await page.inputValue('#password')).toBe('');
  expect(page.url()).toContain('/login');
  const audit = JSON.parse(await auditJson(airlock)) as { entries: Array<{ kind: string; origin?: string }> };
  expect(audit.entries.some((e) => e.kind === 'denial' && e.origin === sites.urls.signIn)).toBe(true);
});

test('the leak checks catch a planted leak in every channel', async ({ airlock, page, server }) => {
  const recorder = new LeakRecorder();
  const agent = new RecordingAgent(page, recorder);
  // The current code: secrets() also counts the codes a minute either side, so it is still found after a window boundary.
  const code = { value: generateTotp(ada.totpSecret, Date.now()) };
  await agent.goto(server.route('/planted', `<!doctype html><title>Planted</title><p id=t>${ada.password}</p><input id=shown type=text>`));
  await agent.hello();
  await page.fill('#shown', ada.password);
  await page.evaluate((c) => console.log(`code ${c}`), code!.value);
  await page.evaluate((p) => window.postMessage({ channel: 'airlock', v: 1, type: 'event', event: 'login', login: { status: 'submitted', origin: p } }, '*'), ada.password);
  await agent.observe();
  await agent.collectEvents();
  agent.log.push(`typed ${ada.password}`);
  agent.finish();
  const audit = JSON.parse(await auditJson(airlock)) as { entries: Array<Record<string, unknown>> };
  audit.entries.push({ ...audit.entries.at(-1), reason: `filled ${code!.value}` });
  recorder.add('audit-log', JSON.stringify(audit));
  await expect.poll(() => recorder.count('console')).toBeGreaterThan(0);

  const channels = new Set(recorder.findings(secrets()).map((f) => f.channel));
  expect([...channels].sort()).toEqual(['agent-log', 'aria-snapshot', 'audit-log', 'ax-tree', 'console', 'page-content', 'protocol', 'screenshot-dom']);
  expect(await exposedPasswordFields(page, secrets())).toHaveLength(1);
  // Encoded forms are caught too; a timestamp that merely contains the code's digits is not a leak.
  expect(recorder.findings([{ label: 'p', value: ada.password }]).length).toBeGreaterThan(0);
  const base64 = Buffer.from(ada.password).toString('base64').replace(/=+$/, '');
  const { findLeaks } = await import('./leak-checks');
  expect(findLeaks('x', `data=${base64}`, [{ label: 'p', value: ada.password }])).toHaveLength(1);
  expect(findLeaks('x', `1719${code!.value}123`, [{ label: 'c', value: code!.value, token: true }])).toHaveLength(0);
});

test('a page that hashes the password in script: the swap cannot sign in there; the weaker in-page fill the human allows for the site can, audited, and withdrawn in the settings', async ({ airlock, page }) => {
  const url = `${sites.urls.signIn}/login-hashed`;
  const origin = new URL(url).origin;
  const agent = new RecordingAgent(page, new LeakRecorder());
  await agent.goto(url);
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  await decideInPopup(airlock, page, { entryTitle: 'Example Mail' });
  // The page sent a hash of the placeholder: the site refused it, and nothing derived from the password left.
  await expect(page.locator('#login-error')).toContainText('Incorrect email address or password');
  expect((await auditFor(airlock, origin)).some((e) => e.details?.inPage)).toBe(false);

  // The human allows the weaker fill for this site: the page gets the password, hashes it, and the site accepts.
  await agent.goto(url);
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  await decideInPopup(airlock, page, { entryTitle: 'Example Mail', inPage: true });
  await expect(page.locator('#signed-in-as')).toContainText('Ada Lovelace', { timeout: 20_000 });
  const audit = await auditFor(airlock, origin);
  expect(audit.some((e) => e.kind === 'in-page-fill-allowed')).toBe(true);
  expect(audit.some((e) => e.kind === 'fill' && e.details?.inPage === true && /weaker/.test(e.reason ?? ''))).toBe(true);
  expect(await auditJson(airlock)).not.toContain(ada.password);

  // Listed in the settings, and withdrawn there: the site's next sign-in goes through the swap again.
  const settings = await openSettings(airlock);
  const site = settings.locator(`[data-testid="in-page-site"][data-origin="${origin}"]`);
  await expectView(site).toHaveCount(1);
  await site.locator('[data-action="revoke-in-page"]').click();
  await expectView(site).toHaveCount(0);
  await settings.close();
  expect((await auditFor(airlock, origin)).some((e) => e.kind === 'in-page-fill-revoked')).toBe(true);
  await page.context().clearCookies();
  await agent.goto(url);
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  await decideInPopup(airlock, page, { entryTitle: 'Example Mail' });
  await expect(page.locator('#login-error')).toContainText('Incorrect email address or password');
});
