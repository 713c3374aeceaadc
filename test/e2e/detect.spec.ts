import type { Frame, Page } from 'playwright-core';
import { test, expect } from './fixtures';
import { frameState } from '../../scripts/eval/frame-state';
import type { FrameReport } from '../../lib/protocol/messages';

/** What Airlock reports for one frame through the agent protocol, as `kind: role=selector …` lines. */
async function seen(frame: Frame): Promise<string[]> {
  const report = await frameState(frame);
  return (report?.forms ?? []).map((f) => `${f.kind}: ${f.fields.map((x) => `${x.role}=${x.selector}`).join(' ')}`);
}

async function report(frame: Frame): Promise<FrameReport | null> {
  return frameState(frame);
}

const LOGIN = `<form id=f><h2>Sign in</h2><input id=u type=email aria-label=Email><input id=p type=password aria-label=Password><button id=s>Sign in</button></form>`;

function childFrame(page: Page, path: string): Frame {
  const frame = page.frames().find((f) => f.url().endsWith(path));
  if (!frame) throw new Error(`no frame ${path}`);
  return frame;
}

test('detects sign-in forms inside open and closed shadow roots', async ({ server, page }) => {
  const url = server.route(
    '/detect/shadow',
    `<!doctype html><title>Shadow</title><x-open id=o></x-open><x-closed id=c></x-closed>
    <template id=t>${LOGIN}</template>
    <script>
      for (const [tag, mode] of [['x-open', 'open'], ['x-closed', 'closed']]) {
        customElements.define(tag, class extends HTMLElement {
          constructor() { super(); this.attachShadow({ mode }).append(document.getElementById('t').content.cloneNode(true)); }
        });
      }
    </script>`,
  );
  await page.goto(url);
  await expect.poll(() => seen(page.mainFrame())).toEqual([
    'login: username=#o >>> #u current-password=#o >>> #p submit=#o >>> #s',
    'login: username=#c >>> #u current-password=#c >>> #p submit=#c >>> #s',
  ]);
});

test('each frame classifies its own fields and knows its own origin, same-origin and cross-origin', async ({ server, page }) => {
  server.route('/detect/login-frame', `<!doctype html><title>Login frame</title>${LOGIN}`);
  server.route('/detect/code-frame', `<!doctype html><title>Code frame</title><form><h1>Two-factor authentication</h1><input id=c autocomplete=one-time-code inputmode=numeric><button id=v>Verify</button></form>`);
  const crossOrigin = server.origin.replace('127.0.0.1', 'localhost');
  const url = server.route(
    '/detect/frames',
    `<!doctype html><title>Frames</title><h1>Account</h1><iframe src="/detect/login-frame"></iframe><iframe src="${crossOrigin}/detect/code-frame"></iframe>`,
  );
  await page.goto(url);
  await expect.poll(() => seen(childFrame(page, '/detect/login-frame'))).toEqual(['login: username=#u current-password=#p submit=#s']);
  await expect.poll(() => seen(childFrame(page, '/detect/code-frame'))).toEqual(['one-time-code: one-time-code=#c submit=#v']);
  expect((await report(childFrame(page, '/detect/login-frame')))?.origin).toBe(server.origin);
  expect((await report(childFrame(page, '/detect/code-frame')))?.origin).toBe(crossOrigin);
  expect(await seen(page.mainFrame())).toEqual([]);
});

test('finds a form a single-page app inserts after load', async ({ server, page }) => {
  const url = server.route(
    '/detect/late',
    `<!doctype html><title>Late</title><main id=app>Loading…</main>
    <script>setTimeout(() => { document.getElementById('app').innerHTML = ${JSON.stringify(LOGIN)}; }, 700);</script>`,
  );
  await page.goto(url);
  expect(await seen(page.mainFrame())).toEqual([]);
  await expect.poll(() => seen(page.mainFrame())).toEqual(['login: username=#u current-password=#p submit=#s']);
});

test('follows a username-first sign-in from the identifier step to the password step', async ({ server, page }) => {
  const url = server.route(
    '/detect/steps',
    `<!doctype html><title>Steps</title>
    <form id=f><h1>Sign in</h1>
      <div id=one><input id=u type=email autocomplete=username aria-label=Email><button type=button id=n>Next</button></div>
      <div id=two style="display:none"><input id=p type=password aria-label=Password><button id=s>Sign in</button></div>
    </form>
    <script>document.getElementById('n').onclick = () => { one.style.display = 'none'; two.style.display = 'block'; };</script>`,
  );
  await page.goto(url);
  await expect.poll(() => seen(page.mainFrame())).toEqual(['login: username=#u submit=#n']);
  await page.click('#n');
  await expect.poll(() => seen(page.mainFrame())).toEqual(['login: current-password=#p submit=#s']);
});

test('the state reply never carries a field value', async ({ server, page }) => {
  const url = server.route('/detect/values', `<!doctype html><title>Values</title>${LOGIN}`);
  await page.goto(url);
  await page.fill('#u', 'alice@example.com');
  await page.fill('#p', 'correct horse battery staple');
  await expect.poll(() => seen(page.mainFrame())).toHaveLength(1);
  const text = JSON.stringify(await report(page.mainFrame()));
  expect(text).not.toContain('alice@example.com');
  expect(text).not.toContain('correct horse');
});
