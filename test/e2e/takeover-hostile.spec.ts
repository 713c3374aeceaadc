import type { Page } from 'playwright-core';
import { test, expect } from './fixtures';
import type { StaticServer } from './static-server';
import { auditJson, decideInPopup, popupRequests, RecordingAgent, setUpVault } from './takeover-harness';
import { LeakRecorder } from './leak-checks';
import { expectOwnPageRefused } from './own-page';

/**
 * Hostile pages (T2). Hosts under `.localhost` resolve to loopback in Chromium, so one local server
 * plays every origin. Each test asserts that nothing was filled.
 */
const SECRET = 'hostile-suite secret 8841';
let ready = false;

const port = (server: StaticServer) => new URL(server.origin).port;
const at = (server: StaticServer, host: string, path: string) => `http://${host}:${port(server)}${path}`;

const LOGIN = (extra = '') => `<!doctype html><title>Sign in</title><h1>Sign in</h1>
<form id=f action="/done" method=post onsubmit="event.preventDefault(); window.__submitted = true">
<label for=u>Email</label><input id=u name=email type=email autocomplete=username>
<label for=p>Password</label><input id=p name=password type=password autocomplete=current-password>
${extra}<button id=s type=submit>Sign in</button></form>`;

test.beforeEach(async ({ airlock, server }) => {
  if (ready) return;
  await setUpVault(airlock, [
    { title: 'Bank', origin: `http://bank.localhost:${port(server)}`, username: 'ada@bank.test', password: SECRET, totp: 'JBSWY3DPEHPK3PXP' },
    { title: 'Secure', origin: `https://secure.localhost:${port(server)}`, username: 'ada@secure.test', password: SECRET },
    { title: 'Corp', origin: `http://login.corp.localhost:${port(server)}`, username: 'ada@corp.test', password: SECRET },
  ]);
  ready = true;
});

async function allValues(page: Page): Promise<string[]> {
  const values: string[] = [];
  for (const frame of page.frames()) values.push(...(await frame.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.value)).catch(() => [])));
  return values;
}

async function fillsFor(airlock: Parameters<typeof auditJson>[0], origin: string): Promise<number> {
  const audit = JSON.parse(await auditJson(airlock)) as { entries: Array<{ kind: string; origin?: string }> };
  return audit.entries.filter((e) => e.kind === 'fill' && e.origin === origin).length;
}

test('a punycode lookalike host gets no entry, and the prompt warns', async ({ airlock, server, page }) => {
  server.route('/lookalike', LOGIN());
  const origin = at(server, 'xn--bnk-6cd.localhost', '');
  await page.goto(`${origin}/lookalike`);
  const request = (await popupRequests(airlock, page, undefined, origin)).find((r) => r.origin === origin);
  expect(request!.origin).toBe(origin);
  expect(request!.entries).toBe(0);
  expect(request!.warnings).toMatch(/punycode/i);
  expect(request!.text).toContain('bаnk.localhost');
  expect(await allValues(page)).not.toContain(SECRET);
  expect(await fillsFor(airlock, origin)).toBe(0);
});

test('an http downgrade of an https entry gets nothing', async ({ airlock, server, page }) => {
  server.route('/downgrade', LOGIN());
  await page.goto(at(server, 'secure.localhost', '/downgrade'));
  const origin = at(server, 'secure.localhost', '');
  const request = (await popupRequests(airlock, page, undefined, origin)).find((r) => r.origin === origin);
  expect(request!.entries).toBe(0);
  expect(await allValues(page)).not.toContain(SECRET);
});

test('a registrable-domain sibling of an exact entry gets nothing', async ({ airlock, server, page }) => {
  server.route('/sibling', LOGIN());
  await page.goto(at(server, 'evil.corp.localhost', '/sibling'));
  const origin = at(server, 'evil.corp.localhost', '');
  const request = (await popupRequests(airlock, page, undefined, origin)).find((r) => r.origin === origin);
  expect(request!.entries).toBe(0);
  expect(await allValues(page)).not.toContain(SECRET);
});

test('a cross-origin iframe login inside the entry\'s origin gets nothing', async ({ airlock, server, page }) => {
  server.route('/frame-login', LOGIN());
  server.route('/frame-host', `<!doctype html><title>Bank</title><h1>Bank</h1><iframe src="${server.origin}/frame-login" width=400 height=300></iframe>`);
  await page.goto(at(server, 'bank.localhost', '/frame-host'));
  // The shared browser may hold another tab's request from the same loopback origin: take the one
  // that names this tab's top-level site (the frame's prompt says where it is embedded).
  const requests = await popupRequests(airlock, page, undefined, server.origin);
  const request = requests.find((r) => r.origin === server.origin && r.text.includes('bank.localhost'));
  expect(request, JSON.stringify(requests.map((r) => r.text))).toBeDefined();
  expect(request!.entries).toBe(0);
  expect(await allValues(page)).not.toContain(SECRET);
});

test('invisible, off-screen, zero-size and opacity-0 password fields are never filled', async ({ airlock, server, page }) => {
  const hidden = [
    '<input class=trap name=p1 type=password style="opacity:0">',
    '<input class=trap name=p2 type=password style="position:absolute;left:-9999px">',
    '<input class=trap name=p3 type=password style="width:0;height:0;border:0;padding:0">',
    '<input class=trap name=p4 type=password style="display:none">',
  ].join('');
  server.route('/honeypots', LOGIN(hidden));
  server.route('/only-hidden', `<!doctype html><title>Sign in</title><form><input id=u type=email autocomplete=username aria-label=Email><input id=p type=password style="opacity:0" aria-label=Password><button>Sign in</button></form>`);
  await page.goto(at(server, 'bank.localhost', '/honeypots'));
  await decideInPopup(airlock, page, { entryTitle: 'Bank' });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __submitted?: boolean }).__submitted === true)).toBe(true);
  expect(await page.$$eval('.trap', (fields) => fields.map((f) => (f as HTMLInputElement).value))).toEqual(['', '', '', '']);

  // A fresh tab: the decision above would otherwise carry over to this page's username step.
  const second = await airlock.context.newPage();
  const agent = new RecordingAgent(second, new LeakRecorder());
  await agent.goto(at(server, 'bank.localhost', '/only-hidden'));
  await agent.hello();
  await second.waitForTimeout(1500);
  expect((await agent.client.loginEvents()).filter((e) => e.step === 'password')).toEqual([]);
  expect(await second.inputValue('#p')).toBe('');
  await second.close();
});

test('a form that moves its password field off-screen after detection is refused at fill time', async ({ airlock, server, page }) => {
  server.route('/mover', `${LOGIN()}<script>window.addEventListener('message', (e) => { if (e.data === 'move') { const p = document.getElementById('p'); p.style.position = 'absolute'; p.style.left = '-9999px'; } });</script>`);
  const agent = new RecordingAgent(page, new LeakRecorder());
  await agent.goto(at(server, 'bank.localhost', '/mover'));
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  await page.evaluate(() => window.postMessage('move', '*'));
  await decideInPopup(airlock, page, { entryTitle: 'Bank' });
  await agent.waitForLogin(['refused']);
  const refused = (await agent.client.loginEvents()).find((e) => e.status === 'refused');
  // Off-screen: no longer visible, and no longer part of the form the detector sees.
  expect(refused?.reason).toMatch(/^CREDENTIAL_FIELD_(HIDDEN|MOVED)$/);
  expect(await allValues(page)).not.toContain(SECRET);
  const audit = JSON.parse(await auditJson(airlock)) as { entries: Array<{ kind: string; reason?: string }> };
  expect(audit.entries.some((e) => e.kind === 'refusal' && e.reason === refused?.reason)).toBe(true);
});

test('a page that turns the filled password field into a text field is refused: cleared, back to a password field, nothing submitted', async ({ airlock, server, page }) => {
  server.route('/reveal', `${LOGIN()}<script>document.getElementById('p').addEventListener('input', (e) => { e.target.type = 'text'; });</script>`);
  const agent = new RecordingAgent(page, new LeakRecorder());
  await agent.goto(at(server, 'bank.localhost', '/reveal'));
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  await decideInPopup(airlock, page, { entryTitle: 'Bank' });
  await agent.waitForLogin(['refused']);
  const refused = (await agent.client.loginEvents()).find((e) => e.status === 'refused');
  expect(refused?.reason).toBe('CREDENTIAL_FIELD_TYPE_CHANGED');
  expect(await page.evaluate(() => document.getElementById('p')!.getAttribute('type'))).toBe('password');
  expect(await allValues(page)).not.toContain(SECRET);
  expect(await page.content()).not.toContain(SECRET);
  expect(await page.evaluate(() => (window as unknown as { __submitted?: boolean }).__submitted ?? false)).toBe(false);
  const audit = JSON.parse(await auditJson(airlock)) as { entries: Array<{ kind: string; reason?: string }> };
  expect(audit.entries.some((e) => e.kind === 'refusal' && e.reason === 'CREDENTIAL_FIELD_TYPE_CHANGED')).toBe(true);
});

test('a page that handles the submit itself and stays keeps no password in the field after the fill', async ({ airlock, server, page }) => {
  server.route('/stays', LOGIN());
  const agent = new RecordingAgent(page, new LeakRecorder());
  await agent.goto(at(server, 'bank.localhost', '/stays'));
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  await decideInPopup(airlock, page, { entryTitle: 'Bank' });
  await agent.waitForLogin(['submitted']);
  // The page's own handler ran (it saw the submit) and the page is still here, its field emptied.
  expect(await page.evaluate(() => (window as unknown as { __submitted?: boolean }).__submitted ?? false)).toBe(true);
  expect(await page.inputValue('#p')).toBe('');
  expect(await page.evaluate(() => document.getElementById('p')!.getAttribute('type'))).toBe('password');
  expect(await allValues(page)).not.toContain(SECRET);
});

test('a one-time code sits in its (text) field only as a password field, until the submit; then the field is empty and its own type is back', async ({ airlock, server, page }) => {
  server.route(
    '/code',
    `<!doctype html><title>Verify</title><h1>Enter the code</h1>
<form id=f action="/done" method=post onsubmit="event.preventDefault(); const c = document.getElementById('c'); window.__seen = { type: c.type, digits: c.value.length }">
<label for=c>Code</label><input id=c name=code type=text inputmode=numeric autocomplete=one-time-code maxlength=6>
<button type=submit>Verify</button></form>`,
  );
  const agent = new RecordingAgent(page, new LeakRecorder());
  await agent.goto(at(server, 'bank.localhost', '/code'));
  await agent.hello();
  await agent.waitForLogin(['waiting']);
  await decideInPopup(airlock, page, { entryTitle: 'Bank' });
  await agent.waitForLogin(['submitted']);
  // The page's own submit handler saw the code, in a field of type password.
  expect(await page.evaluate(() => (window as unknown as { __seen?: unknown }).__seen)).toEqual({ type: 'password', digits: 6 });
  expect(await page.getAttribute('#c', 'type')).toBe('text');
  expect(await page.inputValue('#c')).toBe('');
});

/**
 * A page script that looks at the field in every later task its `input` event can reach: a timer, a
 * message-channel task and an animation frame. An agent's snapshot, screenshot or accessibility read
 * is such a task too; while Airlock fills, submits and clears within one task, none of these sees a
 * character. `__atSubmit` is what the page's own submit handler saw (the fill was real).
 */
const TASK_WATCH = (id: string) => `<script>(() => {
  const field = document.getElementById('${id}');
  window.__laterTasks = [];
  const look = (via) => window.__laterTasks.push({ via, length: field.value.length });
  field.addEventListener('input', () => {
    setTimeout(() => look('timer'), 0);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => look('message');
    channel.port2.postMessage(null);
    requestAnimationFrame(() => look('frame'));
  });
  document.getElementById('f').addEventListener('submit', (e) => { e.preventDefault(); window.__atSubmit = field.value.length; });
})();</script>`;

for (const [kind, path, body, id] of [
  ['password', '/task-watch-password', LOGIN(), 'p'],
  [
    'one-time code',
    '/task-watch-code',
    `<!doctype html><title>Verify</title><form id=f action="/done" method=post><label for=c>Code</label><input id=c name=code type=text inputmode=numeric autocomplete=one-time-code maxlength=6><button type=submit>Verify</button></form>`,
    'c',
  ],
] as const) {
  test(`no later task of the page sees the ${kind}: fill, submit and clear happen within one task, which is why no agent snapshot can fall between them`, async ({ airlock, server, page }) => {
    server.route(path, `${body}${TASK_WATCH(id)}`);
    const agent = new RecordingAgent(page, new LeakRecorder());
    await agent.goto(at(server, 'bank.localhost', path));
    await agent.hello();
    await agent.waitForLogin(['waiting']);
    await decideInPopup(airlock, page, { entryTitle: 'Bank' });
    await agent.waitForLogin(['submitted']);
    const seen = () => page.evaluate(() => {
      const w = window as unknown as { __atSubmit?: number; __laterTasks: Array<{ via: string; length: number }> };
      return { atSubmit: w.__atSubmit, later: w.__laterTasks };
    });
    // The fill's input event and the clear's each schedule the three looks.
    await expect.poll(async () => [...new Set((await seen()).later.map((t) => t.via))].sort()).toEqual(['frame', 'message', 'timer']);
    const { atSubmit, later } = await seen();
    expect(atSubmit).toBeGreaterThan(0);
    expect(later.filter((t) => t.length > 0)).toEqual([]);
  });
}

test('a page forging agent-protocol and Airlock messages to ask for a fill gets nothing', async ({ airlock, server, page }) => {
  server.route('/forger', LOGIN());
  const origin = at(server, 'bank.localhost', '');
  await page.goto(`${origin}/forger`);
  const before = await fillsFor(airlock, origin);
  const replies = await page.evaluate(async (secret) => {
    const seen: unknown[] = [];
    window.addEventListener('message', (e) => {
      if (e.data?.channel === 'airlock') seen.push(e.data);
    });
    for (const type of ['fill', 'login', 'credential', 'release']) window.postMessage({ channel: 'airlock-agent', v: 1, id: `forge-${type}`, type, entry: 'Bank' }, '*');
    // Shapes of Airlock's own internal messages, posted by the page: the content script listens to none of them there.
    window.postMessage({ airlock: 'takeover-fill', requestId: null, origin: location.origin, step: 'password', username: 'x', password: secret }, '*');
    window.postMessage({ airlock: 'internal', kind: 'credential.decide', payload: { requestId: 'x', entryId: 'x', remember: true } }, '*');
    await new Promise((r) => setTimeout(r, 1500));
    return seen;
  }, 'forged-value-should-not-appear');
  expect(replies.map((r) => (r as { error?: { code: string } }).error?.code)).toEqual(expect.arrayContaining(['PROTOCOL_UNKNOWN_TYPE', 'PROTOCOL_FORBIDDEN']));
  expect(await page.inputValue('#p')).toBe('');
  expect(await fillsFor(airlock, origin)).toBe(before);
  // The request is still waiting for the human, who was never asked to decide.
  const request = (await popupRequests(airlock, page, undefined, origin)).find((r) => r.origin === origin);
  expect(request!.origin).toBe(origin);
});

test('an Airlock page opened in a tab (which an agent can drive) cannot choose a credential: it is closed on sight, the vault locks, and it is audited', async ({ airlock, server, page }) => {
  server.route('/tab-forge', LOGIN());
  await page.goto(at(server, 'bank.localhost', '/tab-forge'));
  const origin = at(server, 'bank.localhost', '');
  const before = await fillsFor(airlock, origin);
  // Formerly the page loaded and its credential.decide was refused (SENDER_FORBIDDEN); now Airlock
  // closes the tab before the page's scripts run, so no message can come from it at all.
  await expectOwnPageRefused(airlock, '/popup.html', { vaultWasOpen: true });
  expect(await page.inputValue('#p')).toBe('');
  expect(await fillsFor(airlock, origin)).toBe(before);
});
