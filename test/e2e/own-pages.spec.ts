import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { SITE_USERS } from '../sites/site-users';
import { startSites, type RunningSites } from '../sites/start-sites';
import { agentClient, tabIdOf } from './agent-tab';
import { CHROME_BUILD, launchExtensionBrowser, type ExtensionBrowser } from './extension-browser';
import { withSettings } from './extension-view';
import { launchMcpAgent } from './mcp-agent';
import { ATTACK, initScript, secretsFrom, startCollector, type AttackPlan, type Collector } from './own-page-attacks';
import { ownPageEntries, vaultUnlocked } from './own-page';
import { fillCard } from './step-up-human';
import { setUpVault } from './takeover-harness';

/**
 * The rogue agent: an agent (or a prompt injection steering it) that opens one of Airlock's own pages
 * in a tab and runs script there with Airlock's privileges, through plain Playwright (an init script
 * that races Airlock from the document's first instant, then `goto` + `evaluate`) and through
 * Playwright MCP's default tools (`browser_navigate`, `browser_evaluate`). Every attempt is made
 * against the build people install, where it must fail and be recorded, and against the test-only
 * build with the own-page protections off (AIRLOCK_UNPROTECTED=1), where the same check must see the
 * attack succeed: a check that passes there too would prove nothing.
 *
 * Configuration: the vault unlocked, no passkey enrolled (the weaker mode: the master password is the
 * only proof, so nothing but Airlock's own checks stands between the page and a decision).
 */
const BUILDS = {
  protected: CHROME_BUILD,
  'watch off': resolve('.output/without-ownPageWatch/chrome-mv3'),
  unprotected: resolve('.output/unprotected/chrome-mv3'),
} as const;
const ada = SITE_USERS.ada;

for (const build of Object.keys(BUILDS) as Array<keyof typeof BUILDS>) {
  test.describe(`an agent with an Airlock page in a tab (${build} build)`, () => {
    test.describe.configure({ mode: 'serial' });
    // An attack alone may take two navigations (30 s each at most) and a bounded evaluate (20 s).
    test.setTimeout(150_000);
    /** Whether the attacks must fail here (every build but the one with all protections off). */
    const protectedBuild = build !== 'unprotected';
    /** Whether Airlock closes its pages in tabs here. */
    const watched = build === 'protected';
    let airlock: ExtensionBrowser;
    let sites: RunningSites;
    let collector: Collector;
    let entryId = '';

    test.beforeAll(async () => {
      [sites, collector] = await Promise.all([startSites(), startCollector()]);
      airlock = await launchExtensionBrowser({ build: BUILDS[build] });
      await setUpVault(airlock, [{ title: 'Example Mail', origin: sites.urls.signIn, username: ada.username, password: ada.password, totp: ada.totpSecret }]);
      entryId = await withSettings(airlock, async (settings) => {
        const reply = await settings.evaluate<{ value: { entries: Array<{ id: string }> } }>(`chrome.runtime.sendMessage({ airlock: 'internal', kind: 'vault.list', payload: {} })`);
        return reply.value.entries[0]!.id;
      });
    });

    test.afterAll(async () => {
      await airlock?.close();
      await Promise.all([sites?.close(), collector?.close()]);
    });

    test.beforeEach(async () => {
      collector.received.length = 0;
      // Each attempt meets the vault open (a page found in a tab locks it: the human opened it again).
      await setUpVault(airlock, []);
    });

    /** Opens an Airlock page in a new tab with the attack, both ways; returns what the page managed to run. */
    async function attack(plan: Omit<AttackPlan, 'collector'>): Promise<{ loaded: boolean; evaluated: unknown }> {
      const full: AttackPlan = { ...plan, collector: collector.url };
      const racing = await airlock.context.newPage();
      await racing.addInitScript(initScript(full));
      await racing.goto(`chrome-extension://${airlock.extensionId}/popup.html`).catch(() => undefined);
      const plain = await airlock.context.newPage();
      const loaded = await plain.goto(`chrome-extension://${airlock.extensionId}/popup.html`).then(
        () => true,
        () => false,
      );
      // Bounded: a message the worker never answers would otherwise hold the test to its timeout;
      // whatever the attack wrote before that is checked all the same.
      const evaluated = loaded
        ? await Promise.race([
            plain.evaluate(`(${ATTACK})(${JSON.stringify(full)})`).catch((error: Error) => error.message),
            new Promise((r) => setTimeout(() => r('the attack did not finish in 20 s'), 20_000)),
          ])
        : null;
      // Let whatever the attack started (messages, fetches) finish before anything is checked.
      await new Promise((r) => setTimeout(r, 1500));
      for (const page of [racing, plain]) await page.close().catch(() => undefined);
      return { loaded, evaluated };
    }

    /** Fails with `label` if `work` has not settled in `ms`: a step that hangs says which it was. */
    async function within<T>(label: string, ms: number, work: Promise<T>): Promise<T> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label}: not done in ${ms / 1000} s`)), ms);
      });
      try {
        return await Promise.race([work, late]);
      } finally {
        clearTimeout(timer);
      }
    }

    async function expectRecorded(): Promise<void> {
      if (!watched) return;
      expect((await ownPageEntries(airlock)).length).toBeGreaterThan(0);
    }

    test('reading the vault: its key, and so every entry, from storage and the database', async () => {
      const { loaded } = await attack({ read: true });
      const secrets = await secretsFrom(collector.received);
      if (protectedBuild) {
        // Watched: the page is closed before it loads, and the vault locks. Not watched: the page runs
        // and reads everything, and finds no key: the vault's key is in the worker's memory only.
        expect(loaded).toBe(!watched);
        expect(secrets).toEqual([]);
        expect(collector.received.map((r) => r.body).join('\n')).not.toContain(ada.password);
        if (!watched) expect(collector.received.some((r) => r.what === 'idb')).toBe(true);
        if (watched) expect(await vaultUnlocked(airlock)).toBe(false);
        await expectRecorded();
      } else {
        expect(secrets.join('\n')).toContain(ada.password);
      }
    });

    test('self-approving a payment: the stored status set to approved, the held page told so', async () => {
      const shop = await airlock.context.newPage();
      const agent = agentClient(shop);
      await shop.goto(`${sites.urls.shop}/checkout`);
      await agent.hello();
      await fillCard(shop);
      await shop.click('#place-order', { noWaitAfter: true });
      const approval = await withSettings(airlock, async (settings) => {
        for (let i = 0; i < 100; i++) {
          const reply = await settings.evaluate<{ value: { approvals: Array<{ id: string }> } }>(`chrome.runtime.sendMessage({ airlock: 'internal', kind: 'approval.list', payload: {} })`);
          if (reply.value.approvals[0]) return reply.value.approvals[0].id;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('no approval');
      });
      const tabId = await tabIdOf(await airlock.serviceWorker(), shop);
      await attack({ approve: { approvalId: approval, tabId, frameId: 0 } });
      await new Promise((r) => setTimeout(r, 1500));
      if (protectedBuild) {
        expect(sites.shop.orders).toHaveLength(0);
        await expectRecorded();
      } else {
        expect(sites.shop.orders.length).toBeGreaterThan(0);
      }
      await shop.close();
    });

    test('deciding a sign-in in the toolbar popup, reached through extension.getViews', async () => {
      const mail = await airlock.context.newPage();
      const agent = agentClient(mail);
      await mail.goto(`${sites.urls.signIn}/login`);
      await agent.hello();
      await agent.waitForLogin(['waiting'], { timeoutMs: 20_000 });
      await attack({ decideSignIn: true });
      const signedIn = () => mail.evaluate(() => document.body.innerText.includes('Signed in as')).catch(() => false);
      if (protectedBuild) {
        await new Promise((r) => setTimeout(r, 2000));
        expect(await signedIn()).toBe(false);
        expect(sites.log.some((e) => e.method === 'POST' && e.path === '/login')).toBe(false);
        await expectRecorded();
      } else {
        await expect.poll(signedIn, { timeout: 20_000 }).toBe(true);
      }
      await mail.close();
    });

    test('switching the agent\'s tab to "Me" through the popup, without the human\'s proof', async () => {
      const tab = await airlock.context.newPage();
      await tab.goto(`${sites.urls.signIn}/`);
      const agent = agentClient(tab);
      await agent.hello();
      const tabId = await tabIdOf(await airlock.serviceWorker(), tab);
      await attack({ lower: { tabId } });
      const driven = (await agent.state()).agentDriven;
      if (protectedBuild) {
        expect(driven).toBe(true);
        await expectRecorded();
      } else {
        // The unprotected build lowers the tab's own toggle; the agent's handshake still counts
        // (a page can only add protection), so read the toggle the attack set.
        const lowered = collector.received.find((r) => r.what === 'lower');
        expect(lowered?.body).toContain('"ok":true');
      }
      await tab.close();
    });

    test('forging a remembered decision, an attacker\'s passkey and a long idle time in storage', async () => {
      // Forged for the name the agent's hello gives (name and version) and for the signal that names it before.
      await within('the attack', 90_000, attack({ forge: { origin: sites.urls.signIn, entryId, agent: 'e2e-agent 1.0' } }));
      const [passkeys, idle] = await within(
        'reading passkeys and idle time',
        30_000,
        withSettings(airlock, async (settings) => [
          await settings.evaluate<{ value: Array<{ id: string }> }>(`chrome.runtime.sendMessage({ airlock: 'internal', kind: 'passkey.list', payload: {} })`),
          await settings.evaluate<{ value: { minutes: number } }>(`chrome.runtime.sendMessage({ airlock: 'internal', kind: 'vault.idleLock', payload: {} })`),
        ]),
      );
      // The remembered decision: a new sign-in of that agent is released without the human, or not.
      sites.clearRecords();
      const mail = await airlock.context.newPage();
      const agent = agentClient(mail, 'e2e-agent');
      // A released sign-in submits (and navigates) at once: the hello may land on either document, and
      // the first document may never reach its load event.
      await mail.goto(`${sites.urls.signIn}/login`, { waitUntil: 'commit' });
      // Its answer is not needed (the sign-in is what is checked), and a document replaced under it
      // may leave it unanswered: bounded.
      await within('the hello', 20_000, agent.hello()).catch(() => undefined);
      const signedIn = () => sites.log.some((e) => e.method === 'POST' && e.path === '/login');
      if (protectedBuild) {
        expect(passkeys.value.map((p) => p.id)).not.toContain('forged-key');
        expect(idle.value.minutes).not.toBe(240);
        await new Promise((r) => setTimeout(r, 3000));
        expect(signedIn()).toBe(false);
      } else {
        expect(passkeys.value.map((p) => p.id)).toContain('forged-key');
        expect(idle.value.minutes).toBe(240);
        await expect.poll(signedIn, { timeout: 20_000 }).toBe(true);
      }
      await mail.close();
    });

    test('Playwright MCP\'s default tools: browser_navigate to an Airlock page, then browser_evaluate there', async () => {
      const agent = await launchMcpAgent({ mode: 'launch', build: BUILDS[build] });
      try {
        await agent.navigate('about:blank');
        const navigated = await agent.call('browser_navigate', { url: `chrome-extension://${agent.extensionId}/sidepanel.html` });
        const evaluated = await agent.call('browser_evaluate', { function: '() => String(location.href) + " " + typeof globalThis.chrome?.storage?.local?.get' });
        const privileged = !evaluated.isError && evaluated.text.includes('sidepanel.html function');
        // Watched: the tab is closed before the agent's next call, so nothing runs with Airlock's privileges.
        expect(privileged).toBe(!watched);
        expect(navigated.text + evaluated.text).not.toMatch(/"key":"[A-Za-z0-9+/=]{40,}"/);
      } finally {
        await agent.close();
      }
    });
  });
}
