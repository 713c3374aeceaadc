import { expect, test } from '@playwright/test';
import { SITE_USERS } from '../sites/site-users';
import { startSites, type RunningSites } from '../sites/start-sites';
import { startDjangoAdmin, type DjangoAdmin } from '../sites/django-admin';
import { startPassportSite, type PassportSite } from '../sites/passport-site';
import type { ExtensionBrowser } from './extension-browser';
import { openPopup } from './extension-view';
import { launchMcpAgent, findRef, type McpAgent } from './mcp-agent';
import { agentTab, approveSignIn, CATCH_EVERYTHING, CAUGHT, humanSide } from './mcp-sign-in';
import { setUpVault, type EntrySpec } from './takeover-harness';

/**
 * The credential swap under a real harness (Playwright MCP, its default tools, launch mode) and real
 * login software: the agent drives every sign-in; the human decides in the toolbar popup; Airlock
 * fills a placeholder and sends the real password itself. After each sign-in the password appears in
 * nothing the agent received (every tool answer, every request body of its tab as
 * `browser_network_request` gives it, the snapshots and traces it wrote), and listeners it installed
 * beforehand caught the placeholder only. A planted leak shows each check can fail.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

let agent: McpAgent;
let human: ExtensionBrowser;
let sites: RunningSites;
let django: DjangoAdmin;
let passport: PassportSite;
const ada = SITE_USERS.ada;

test.beforeAll(async () => {
  [sites, django, passport] = await Promise.all([startSites(), startDjangoAdmin(), startPassportSite()]);
  agent = await launchMcpAgent({ mode: 'launch', debugPort: true, caps: ['devtools'] });
  // The browser starts with the agent's first tool call.
  await agent.navigate('about:blank');
  human = await humanSide(agent);
  const entries: EntrySpec[] = [
    { title: 'Example Mail', origin: sites.urls.signIn, username: ada.username, password: ada.password, totp: ada.totpSecret },
    { title: 'Example Cloud', origin: sites.urls.multiStep, username: ada.username, password: ada.password },
    { title: 'Django admin', origin: django.origin, username: django.username, password: django.password },
    { title: 'Passport site', origin: passport.origin, username: passport.username, password: passport.password },
  ];
  await setUpVault(human, entries, await agentTab(human, 'about:blank'));
  // Playwright MCP hides navigator.webdriver, so nothing tells Airlock that an agent drives this
  // browser: the human says so, with the popup's "every tab" setting (raising protection needs no proof).
  const popup = await openPopup(human, await agentTab(human, 'about:blank'));
  await popup.click('input[name="always"]');
  await popup.close();
  await agent.startTracing();
});

test.afterAll(async () => {
  await agent?.close();
  await Promise.all([sites?.close(), django?.close(), passport?.close()]);
});

/** Every request of the agent's tab, headers and bodies, read through the agent's own tools (into its transcript). */
async function readEveryRequest(): Promise<number> {
  const requests = await agent.networkRequests();
  for (const request of requests) {
    await agent.call('browser_network_request', { index: request.index, part: 'request-body' });
    await agent.call('browser_network_request', { index: request.index, part: 'request-headers' });
    await agent.call('browser_network_request', { index: request.index, part: 'response-body' });
  }
  return requests.length;
}

async function signIn(options: { url: string; entry: string; signedIn: RegExp; secret: string; installListeners?: boolean; steps?: number }): Promise<{ caught: string }> {
  await agent.navigate(options.url);
  if (options.installListeners !== false) expect(await agent.evaluate(CATCH_EVERYTHING)).toContain('installed');
  const page = await agentTab(human, new URL(options.url).host);
  // An agent told to sign in types where it can, and clicks the button: nothing is sent yet.
  const snapshot = await agent.snapshot();
  const password = findRefOrNull(snapshot, 'textbox', 'Password');
  if (password) await agent.call('browser_type', { target: password, text: 'agent-guess-123' });
  for (let step = 0; step < (options.steps ?? 1); step++) await approveSignIn(human, page, options.entry);
  await expect.poll(async () => agent.snapshot(), { timeout: 30_000 }).toMatch(options.signedIn);
  const caught = await agent.evaluate(CAUGHT);
  expect(caught).not.toContain(options.secret);
  return { caught };
}

function findRefOrNull(snapshot: string, role: string, name: string): string | null {
  try {
    return findRef(snapshot, role, name);
  } catch {
    return null;
  }
}

test('the classic sign-in form: the site signs the agent in, the page and the agent only ever held a placeholder', async () => {
  const { caught } = await signIn({ url: `${sites.urls.signIn}/login`, entry: 'Example Mail', signedIn: /Signed in as Ada Lovelace/, secret: ada.password });
  // The listeners did see the fill: a placeholder, not nothing.
  expect(caught).toMatch(/submit:password:[A-Za-z0-9]{24}/);
  expect(await readEveryRequest()).toBeGreaterThan(1);
  // The site's log: the POST it received came from Airlock (its page never sent one).
  const posts = sites.log.filter((e) => e.method === 'POST' && e.path === '/login');
  expect(posts).toHaveLength(1);
});

test('a single-page app that signs in with fetch: its script gets the answer, the password goes only to its origin', async () => {
  await signIn({ url: `${sites.urls.signIn}/login-spa`, entry: 'Example Mail', signedIn: /Signed in as Ada Lovelace/, secret: ada.password });
  expect(sites.log.some((e) => e.method === 'POST' && e.path === '/api/login')).toBe(true);
});

test('password then one-time code: both go through the swap; the code, too, stays out of the agent\'s reach', async () => {
  await signIn({ url: `${sites.urls.signIn}/login-totp`, entry: 'Example Mail', signedIn: /Signed in as Ada Lovelace/, secret: ada.password, steps: 1 });
});

test('username first, then password on a new page', async () => {
  await signIn({ url: `${sites.urls.multiStep}/`, entry: 'Example Cloud', signedIn: /Signed in as Ada Lovelace/, secret: ada.password });
});

test('Django\'s admin: its CSRF token, cookie and redirect accept the sign-in Airlock sent', async () => {
  await signIn({ url: django.loginUrl, entry: 'Django admin', signedIn: /Site administration|Log out/i, secret: django.password });
});

test('passport-local behind csrf-sync and an Origin check: the classic form', async () => {
  await signIn({ url: passport.loginUrl, entry: 'Passport site', signedIn: /Signed in as Margaret Hamilton/, secret: passport.password });
});

test('passport-local behind csrf-sync: the app page that signs in with fetch and a CSRF header', async () => {
  await agent.navigate(`${passport.origin}/logout`).catch(() => undefined);
  await signIn({ url: passport.spaLoginUrl, entry: 'Passport site', signedIn: /Signed in as Margaret Hamilton/, secret: passport.password });
});

test('after every sign-in: no password in anything the agent received or wrote (tools, request bodies, snapshots, traces); a planted one is found', async () => {
  await agent.stopTracing();
  await readEveryRequest();
  for (const secret of [ada.password, django.password, passport.password]) {
    expect(await agent.leakReport(secret)).toEqual([]);
  }
  const files = (await agent.outputFiles()).map((f) => f.path);
  // The checks above read the trace: it exists (network log and request bodies included).
  expect(files.some((f) => f.endsWith('.network'))).toBe(true);
  // Planted: the agent evaluates the password into its context; the same check finds it.
  await agent.evaluate(`() => ${JSON.stringify(passport.password)}`);
  expect(await agent.leakReport(passport.password)).not.toEqual([]);
});
