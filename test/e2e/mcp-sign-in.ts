import type { Browser, Page } from 'playwright-core';
import { DEV_EXTENSION_ID } from '../../lib/extension-key';
import type { ExtensionBrowser } from './extension-browser';
import { openPopup, type ExtensionView } from './extension-view';
import type { McpAgent } from './mcp-agent';
import { MASTER_PASSWORD } from './takeover-harness';

/**
 * The human's side of a browser an MCP agent drives: the same Chromium, reached by the test over CDP
 * (never by the agent), wrapped as the suite's ExtensionBrowser so the popup and side panel helpers
 * work on it.
 */
export async function humanSide(agent: McpAgent): Promise<ExtensionBrowser & { browser: Browser }> {
  const browser = await agent.testBrowser();
  const context = browser.contexts()[0]!;
  const serviceWorker = async () => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${DEV_EXTENSION_ID}/`));
    return existing ?? context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(DEV_EXTENSION_ID) });
  };
  return {
    browser,
    context,
    extensionId: agent.extensionId,
    serviceWorker,
    async stopServiceWorker() {
      throw new Error('not used on the MCP agent\'s browser');
    },
    async close() {
      // The agent's harness owns the browser: the test only disconnects (McpAgent.close).
    },
  };
}

/** The agent's tab, as the test's own connection sees it (for the popup, which is about the active tab). */
export async function agentTab(human: ExtensionBrowser, urlPart: string): Promise<Page> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const page = human.context.pages().find((p) => p.url().includes(urlPart));
    if (page) return page;
    if (Date.now() > deadline) throw new Error(`no tab at ${urlPart}: ${human.context.pages().map((p) => p.url()).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The human, in the toolbar popup: picks `entryTitle` for the waiting sign-in of `page`'s tab, and
 * proves it with the master password (no passkey is enrolled in these tests: the weaker proof, asked
 * in the popup where no agent reaches). Returns the popup's text before the decision.
 */
export async function approveSignIn(human: ExtensionBrowser, page: Page, entryTitle: string): Promise<string> {
  const popup: ExtensionView = await openPopup(human, page);
  try {
    await popup.waitForSelector('.credential-request', { timeout: 20_000 });
    const text = await popup.text();
    const clicked = await popup.evaluate<boolean>(
      `(() => { const b = [...document.querySelectorAll('.credential-request [data-entry-id]')].find((x) => x.textContent.includes(${JSON.stringify(entryTitle)})); if (!b) return false; b.click(); return true; })()`,
    );
    if (!clicked) throw new Error(`popup: no entry ${entryTitle} in\n${text}`);
    await popup.waitForSelector('[data-testid="confirm-password-form"]', { timeout: 10_000 });
    await popup.locator('input[name="confirm-master-password"]').fill(MASTER_PASSWORD);
    await popup.locator('[data-action="confirm-password"]').click();
    const deadline = Date.now() + 15_000;
    while ((await popup.evaluate<number>('document.querySelectorAll(".credential-request").length')) > 0) {
      if (Date.now() > deadline) throw new Error(`popup: the request is still listed:\n${await popup.text()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return text;
  } finally {
    await popup.close().catch(() => undefined);
  }
}

/**
 * What an agent can install in a page before the sign-in to catch what is typed or sent (issue seen
 * with real harnesses): capture-phase input / change / submit listeners reading `FormData`, `fetch`
 * and XMLHttpRequest wrappers, a MutationObserver, and a wrapper of the value setter. Everything it
 * catches goes to the site's localStorage, which outlives the navigation that follows a sign-in.
 */
export const CATCH_EVERYTHING = `() => {
  const keep = (where, value) => {
    const caught = JSON.parse(localStorage.getItem('__caught') || '[]');
    caught.push(where + ':' + String(value).slice(0, 500));
    localStorage.setItem('__caught', JSON.stringify(caught));
  };
  for (const type of ['input', 'change', 'keyup']) {
    addEventListener(type, (e) => { if (e.target && 'value' in e.target) keep(type, e.target.value); }, true);
  }
  addEventListener('submit', (e) => { for (const [k, v] of new FormData(e.target)) keep('submit:' + k, v); }, true);
  const fetch0 = window.fetch;
  window.fetch = function (input, init) { keep('fetch', init && init.body); return fetch0.apply(this, arguments); };
  const send0 = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body) { keep('xhr', body); return send0.apply(this, arguments); };
  new MutationObserver((records) => { for (const r of records) keep('mutation', r.target && r.target.value); }).observe(document, { subtree: true, attributes: true, childList: true, characterData: true });
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  Object.defineProperty(HTMLInputElement.prototype, 'value', { configurable: true, get() { return setter.get.call(this); }, set(v) { keep('setter', v); setter.set.call(this, v); } });
  return 'installed';
}`;

/** What the listeners above caught on this origin so far. */
export const CAUGHT = `() => localStorage.getItem('__caught') || '[]'`;
