import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from '@playwright/test';
import type { CDPSession, Page } from 'playwright-core';
import config from '../../playwright.config';
import type { ExtensionBrowser } from './extension-browser';

/**
 * Airlock's human surfaces, the toolbar popup and the side panel, are never pages in a tab (an agent
 * could script those: Airlock closes them on sight). Playwright does not attach to them, so they are
 * not in `context.pages()`. This module drives them over raw CDP (`Target.attachToTarget` from a page
 * session, messages routed with `Target.sendMessageToTarget`), with a small Playwright-like API:
 * `view.getByTestId('vault').locator('button').click()`, `expectView(locator).toHaveAttribute(...)`.
 *
 * Input goes through `Runtime.evaluate` with `userGesture: true` (CDP's Input domain does not reach a
 * headless popup): a click focuses the element, sends the pointer and mouse events a person's click
 * would, then activates it, with the transient activation `sidePanel.open` and WebAuthn need.
 */

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}


/** One step of a locator's chain, resolved in the view (see RESOLVE). */
type Step =
  | { kind: 'css'; selector: string }
  | { kind: 'role'; role: string; name?: TextMatch; exact?: boolean }
  | { kind: 'label'; text: TextMatch; exact?: boolean }
  | { kind: 'nth'; index: number }
  | { kind: 'or'; steps: Step[] }
  | { kind: 'hasText'; text: TextMatch };

type TextMatch = string | { source: string; flags: string };

const textMatch = (value: string | RegExp): TextMatch => (value instanceof RegExp ? { source: value.source, flags: value.flags } : value);

/** The suite's expect timeout (playwright.config.ts), for waits that have none of their own. */
function defaultTimeout(): number {
  return config.expect?.timeout ?? 10_000;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves a chain of steps to elements, in the view. Kept as source text: it runs there, not here.
 * Roles and names follow the accessibility tree closely enough for Airlock's own markup (explicit
 * `role`, the implicit roles of buttons, links, form controls, headings, lists); names are matched
 * like Playwright's: case-insensitive substring after whitespace is collapsed, unless `exact`.
 */
const RESOLVE = String.raw`(steps) => {
  const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const matches = (text, m, exact) => {
    if (m === undefined) return true;
    if (typeof m !== 'string') return new RegExp(m.source, m.flags).test(norm(text));
    return exact ? norm(text) === norm(m) : norm(text).toLowerCase().includes(norm(m).toLowerCase());
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const implicitRole = (el) => {
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'select') return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') {
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'range') return 'slider';
      if (type === 'number') return 'spinbutton';
      if (type === 'search') return 'searchbox';
      if (['text', 'email', 'tel', 'url', 'password', ''].includes(type)) return 'textbox';
      return null;
    }
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'summary') return 'button';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'article') return 'article';
    if (tag === 'form') return 'form';
    if (tag === 'section' && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))) return 'region';
    return null;
  };
  const labelText = (el) => {
    const parts = [];
    if (el.id) for (const l of document.querySelectorAll('label[for="' + CSS.escape(el.id) + '"]')) parts.push(l.textContent);
    const wrapping = el.closest('label');
    if (wrapping) parts.push(wrapping.textContent);
    return parts;
  };
  const nameOf = (el) => {
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    if (el.hasAttribute('aria-label')) return el.getAttribute('aria-label');
    if (el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes(el.type)) return el.value;
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return labelText(el).join(' ') || el.getAttribute('placeholder') || el.getAttribute('title') || '';
    return el.textContent;
  };
  const labelled = (el) => {
    const names = [...labelText(el)];
    if (el.hasAttribute('aria-label')) names.push(el.getAttribute('aria-label'));
    const by = el.getAttribute('aria-labelledby');
    if (by) names.push(by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    return names;
  };
  const order = (nodes) => [...new Set(nodes)].sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const run = (list) => {
    let nodes = [document];
    for (const step of list) {
      const below = (pick) => order(nodes.flatMap((root) => [...root.querySelectorAll('*')].filter(pick)));
      if (step.kind === 'css') nodes = order(nodes.flatMap((root) => [...root.querySelectorAll(step.selector)]));
      else if (step.kind === 'role') nodes = below((el) => (el.getAttribute('role') ?? implicitRole(el)) === step.role && visible(el) && matches(nameOf(el), step.name, step.exact));
      else if (step.kind === 'label') nodes = below((el) => ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && labelled(el).some((t) => matches(t, step.text, step.exact)));
      else if (step.kind === 'hasText') nodes = nodes.filter((el) => matches(el.textContent, step.text, false));
      else if (step.kind === 'nth') nodes = step.index < 0 ? nodes.slice(nodes.length + step.index, nodes.length + step.index + 1) : nodes.slice(step.index, step.index + 1);
      else if (step.kind === 'or') nodes = order([...nodes, ...run(step.steps)]);
    }
    return nodes.filter((n) => n !== document);
  };
  return run(steps);
}`;

/** What a matcher or a read needs to know about each element a locator finds. */
interface ElementState {
  text: string;
  innerText: string;
  value: string | null;
  attribute: string | null;
  visible: boolean;
  enabled: boolean;
  focused: boolean;
  checked: boolean;
}

const INSPECT = String.raw`(els, attribute) => els.map((el) => {
  const r = el.getBoundingClientRect();
  return {
    text: el.textContent ?? '',
    innerText: el.innerText ?? '',
    value: 'value' in el ? String(el.value) : null,
    attribute: attribute ? el.getAttribute(attribute) : null,
    visible: r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden',
    enabled: !(el.disabled || el.closest('fieldset:disabled')),
    focused: document.activeElement === el,
    checked: !!el.checked,
  };
})`;

/** One message channel to a view's target (flatten: false, so Playwright's session API carries it). */
class Channel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners = new Map<string, Array<(params: unknown) => void>>();
  closed = false;

  constructor(
    private readonly cdp: CDPSession,
    readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget' as never, (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
      if (message.id === undefined) {
        for (const listener of this.listeners.get(message.method ?? '') ?? []) listener(message.params);
        return;
      }
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
    });
    // The view closed (it closes itself when Airlock refuses it): nothing will answer any more.
    cdp.on('Target.detachedFromTarget' as never, (event: { sessionId: string }) => {
      if (event.sessionId === this.sessionId) this.gone();
    });
  }

  private gone(): void {
    this.closed = true;
    for (const waiter of this.pending.values()) waiter.reject(new Error('view: the target closed'));
    this.pending.clear();
  }

  on(method: string, listener: (params: unknown) => void): () => void {
    const list = this.listeners.get(method) ?? [];
    list.push(listener);
    this.listeners.set(method, list);
    return () => this.listeners.set(method, (this.listeners.get(method) ?? []).filter((l) => l !== listener));
  }

  async send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closed) throw new Error(`view: the target closed (${method})`);
    const id = this.nextId++;
    const reply = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    // Rejected when the view closes; awaited below unless sending failed first (no unhandled rejection then).
    reply.catch(() => undefined);
    await this.cdp.send('Target.sendMessageToTarget' as never, { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) } as never).catch((error: Error) => {
      this.gone();
      throw error;
    });
    return (await reply) as T;
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
    this.gone();
  }
}

/** The browser's first tab, which specs leave open (the fixture's `page` closes after each test). */
async function firstTab(airlock: ExtensionBrowser): Promise<Page> {
  return airlock.context.pages().find((p) => !p.isClosed() && !p.url().startsWith('chrome-extension://')) ?? (await airlock.context.newPage());
}

/** A CDP session that outlives single tests (on the first tab), to attach to views from. */
async function anchorSession(airlock: ExtensionBrowser): Promise<CDPSession> {
  return airlock.context.newCDPSession(await firstTab(airlock));
}

async function targets(cdp: CDPSession): Promise<TargetInfo[]> {
  return ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos;
}

async function waitForTarget(cdp: CDPSession, match: (t: TargetInfo) => boolean, what: string, timeoutMs = 15_000): Promise<TargetInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await targets(cdp)).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`view: ${what} did not open`);
    await sleep(50);
  }
}

export interface EvaluateResult<T> {
  result: { value?: T; description?: string; subtype?: string };
  exceptionDetails?: { text: string; exception?: { description?: string } };
}

/** One of Airlock's views (toolbar popup, side panel), attached over CDP. */
export class ExtensionView {
  private constructor(
    private readonly channel: Channel,
    readonly targetId: string,
    readonly url: string,
  ) {}

  /** Attaches to a view's target over a session of its own, waiting for its document to be there. */
  static async attach(airlock: ExtensionBrowser, target: TargetInfo): Promise<ExtensionView> {
    const session = await anchorSession(airlock);
    const { sessionId } = (await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
    const view = new ExtensionView(new Channel(session, sessionId), target.targetId, target.url);
    await view.waitForLoad();
    return view;
  }

  /** Lets go of the view and leaves it open. */
  detach(): Promise<void> {
    return this.channel.detach();
  }

  get isClosed(): boolean {
    return this.channel.closed;
  }

  /** Any CDP command on this view's target (e.g. `WebAuthn.addVirtualAuthenticator`: authenticators are per target). */
  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.channel.send<T>(method, params);
  }

  /** Calls back on a CDP event of this target (after the matching domain was enabled). */
  on(method: string, listener: (params: unknown) => void): () => void {
    return this.channel.on(method, listener);
  }

  /** Evaluates an expression (a string), or a function with one JSON argument, as Playwright's `page.evaluate` does. */
  async evaluate<T, A = undefined>(script: string | ((arg: A) => T | Promise<T>), arg?: A): Promise<T> {
    const expression = typeof script === 'string' ? script : `(${script.toString()})(${arg === undefined ? '' : JSON.stringify(arg)})`;
    const { result, exceptionDetails } = await this.send<EvaluateResult<T>>('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
      userGesture: true,
    });
    if (exceptionDetails) throw new Error(`view: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }

  /**
   * Sends an internal request from this view as the view's own code does: named with the document
   * the view was given, so requests that belong to one view (an edit session) find it.
   */
  internal<T = { ok: boolean; value?: unknown; error?: { code: string; message?: string } }>(kind: string, payload: unknown = {}): Promise<T> {
    return this.evaluate<T>(
      `chrome.runtime.sendMessage({ airlock: 'internal', kind: ${JSON.stringify(kind)}, payload: ${JSON.stringify(payload)}, document: globalThis.airlockDocument })`,
    );
  }

  /** Evaluates `fn(elements, arg)` on what a chain of steps finds. */
  async evaluateSteps<T>(steps: Step[], fn: string, arg?: unknown): Promise<T> {
    return this.evaluate<T>(`(${fn})((${RESOLVE})(${JSON.stringify(steps)}), ${JSON.stringify(arg ?? null)})`);
  }

  locator(selector: string, options: { hasText?: string | RegExp } = {}): ViewLocator {
    const found = new ViewLocator(this, [{ kind: 'css', selector }]);
    return options.hasText === undefined ? found : found.filter({ hasText: options.hasText });
  }

  getByTestId(id: string): ViewLocator {
    return this.locator(`[data-testid="${id}"]`);
  }

  getByRole(role: string, options: { name?: string | RegExp; exact?: boolean } = {}): ViewLocator {
    return new ViewLocator(this, [{ kind: 'role', role, ...(options.name !== undefined ? { name: textMatch(options.name) } : {}), exact: options.exact }]);
  }

  getByLabel(text: string | RegExp, options: { exact?: boolean } = {}): ViewLocator {
    return new ViewLocator(this, [{ kind: 'label', text: textMatch(text), exact: options.exact }]);
  }

  /** Waits until `selector` matches (attached), as Playwright's `page.waitForSelector`. */
  async waitForSelector(selector: string, options: { timeout?: number; state?: 'attached' | 'detached' | 'visible' | 'hidden' } = {}): Promise<void> {
    await this.locator(selector).first().waitFor({ state: options.state ?? 'attached', timeout: options.timeout });
  }

  /** Clicks the one element `selector` matches (see ViewLocator.click). */
  click(selector: string, options: { timeout?: number } = {}): Promise<void> {
    return this.locator(selector).click(options);
  }

  /** The keyboard, on whatever has the focus: `press` a key, `type` text (each character a key, then in the field). */
  readonly keyboard = {
    press: (key: string): Promise<void> =>
      this.evaluate(`(async () => { ${SETTLE}; ${PRESS.replace('__KEY__', JSON.stringify(key)).replace('__TARGET__', 'document.activeElement ?? document.body')} })()`),
    type: (text: string): Promise<void> =>
      this.evaluate(
        `(async () => {
          ${SETTLE};
          for (const key of ${JSON.stringify([...text])}) {
            const el = document.activeElement ?? document.body;
            const init = { key, bubbles: true, cancelable: true, composed: true };
            if (el.dispatchEvent(new KeyboardEvent('keydown', init)) && 'setRangeText' in el) {
              el.setRangeText(key, el.selectionStart ?? el.value.length, el.selectionEnd ?? el.value.length, 'end');
              el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: key }));
            }
            el.dispatchEvent(new KeyboardEvent('keyup', init));
          }
        })()`,
      ),
  };

  text(): Promise<string> {
    return this.evaluate<string>('document.body.innerText');
  }

  content(): Promise<string> {
    return this.evaluate<string>('document.documentElement.outerHTML');
  }

  async screenshot(): Promise<Buffer> {
    const { data } = await this.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
    return Buffer.from(data, 'base64');
  }

  /** Reloads the document (a new one: Airlock ties edit sessions to documents) and waits for it to load. */
  async reload(): Promise<void> {
    await this.evaluate('window.__airlockViewBeforeReload = true');
    await this.send('Page.reload', {});
    await this.waitForLoad(true);
  }

  private async waitForLoad(afterReload = false, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // During a navigation the evaluation may fail (no context yet): that is "not yet".
      const ready = await this.evaluate<boolean>(
        `document.readyState === 'complete' && !!document.getElementById('app')?.firstChild${afterReload ? ' && !window.__airlockViewBeforeReload' : ''}`,
      ).catch(() => false);
      if (ready) return;
      if (this.isClosed) throw new Error(`view: ${this.url} closed while loading`);
      if (Date.now() > deadline) throw new Error(`view: ${this.url} did not load`);
      await sleep(50);
    }
  }

  /**
   * Waits for a file the view downloads (an export) and returns its path: downloads from a view
   * are the browser's, so they are allowed into a temporary folder for this view's target.
   */
  async download(start: () => Promise<void>, timeoutMs = 120_000): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-view-download-'));
    await this.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    await this.send('Page.enable', {});
    let name = '';
    let guid = '';
    const done = new Promise<void>((resolveDone, reject) => {
      const timer = setTimeout(() => reject(new Error('view: no download finished')), timeoutMs);
      const offBegin = this.on('Page.downloadWillBegin', (p) => {
        const params = p as { guid: string; suggestedFilename: string };
        guid = params.guid;
        name = params.suggestedFilename;
      });
      const offProgress = this.on('Page.downloadProgress', (p) => {
        const params = p as { guid: string; state: string };
        if (params.guid !== guid) return;
        if (params.state === 'completed' || params.state === 'canceled') {
          clearTimeout(timer);
          offBegin();
          offProgress();
          if (params.state === 'completed') resolveDone();
          else reject(new Error('view: the download was canceled'));
        }
      });
    });
    await start();
    await done;
    // Chromium names the file by its GUID when asked through Page.setDownloadBehavior, or by its name.
    const { existsSync } = await import('node:fs');
    return [join(dir, guid), join(dir, name)].find((path) => existsSync(path)) ?? join(dir, name);
  }

  async close(): Promise<void> {
    if (!this.isClosed) await this.evaluate('window.close()').catch(() => undefined);
    await this.channel.detach();
  }
}

/** Waits two animation frames (at most 200 ms), so that what the last action set off has run. */
const SETTLE = 'await new Promise((r) => { const t = setTimeout(r, 200); requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(t); r(); })); })';

/** Presses a key on an element as a keyboard would: key events, then what the key does (Enter submits or activates). */
const PRESS = String.raw`(() => {
  const el = __TARGET__;
  const key = __KEY__;
  const init = { key, bubbles: true, cancelable: true, composed: true };
  const go = el.dispatchEvent(new KeyboardEvent('keydown', init));
  if (go && key === 'Enter') {
    if (el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement || el.getAttribute('role') === 'button') el.click();
    else if (el instanceof HTMLInputElement && el.form) el.form.requestSubmit();
  } else if (go && key === ' ' && (el instanceof HTMLButtonElement || (el instanceof HTMLInputElement && ['checkbox', 'radio'].includes(el.type)))) el.click();
  el.dispatchEvent(new KeyboardEvent('keyup', init));
})()`;

/** A lazy query in a view, like Playwright's Locator: resolved anew on every use, waiting where an action needs it. */
export class ViewLocator {
  constructor(
    readonly view: ExtensionView,
    readonly steps: Step[],
  ) {}

  private with(step: Step): ViewLocator {
    return new ViewLocator(this.view, [...this.steps, step]);
  }

  locator(selector: string, options: { hasText?: string | RegExp } = {}): ViewLocator {
    const found = this.with({ kind: 'css', selector });
    return options.hasText === undefined ? found : found.filter({ hasText: options.hasText });
  }

  getByTestId(id: string): ViewLocator {
    return this.locator(`[data-testid="${id}"]`);
  }

  getByRole(role: string, options: { name?: string | RegExp; exact?: boolean } = {}): ViewLocator {
    return this.with({ kind: 'role', role, ...(options.name !== undefined ? { name: textMatch(options.name) } : {}), exact: options.exact });
  }

  getByLabel(text: string | RegExp, options: { exact?: boolean } = {}): ViewLocator {
    return this.with({ kind: 'label', text: textMatch(text), exact: options.exact });
  }

  filter(options: { hasText: string | RegExp }): ViewLocator {
    return this.with({ kind: 'hasText', text: textMatch(options.hasText) });
  }

  first(): ViewLocator {
    return this.nth(0);
  }

  last(): ViewLocator {
    return this.nth(-1);
  }

  nth(index: number): ViewLocator {
    return this.with({ kind: 'nth', index });
  }

  /** One locator per element found now. */
  async all(): Promise<ViewLocator[]> {
    return Array.from({ length: await this.count() }, (_, i) => this.nth(i));
  }

  /** Either this or `other` (elements of both, in document order). */
  or(other: ViewLocator): ViewLocator {
    return this.with({ kind: 'or', steps: other.steps });
  }

  toString(): string {
    return JSON.stringify(this.steps);
  }

  /** The state of every element found (for matchers and reads). */
  states(attribute?: string): Promise<ElementState[]> {
    return this.view.evaluateSteps<ElementState[]>(this.steps, INSPECT, attribute ?? null);
  }

  async count(): Promise<number> {
    return (await this.states()).length;
  }

  /**
   * Waits until exactly one element matches and `ready` holds for it (Playwright's strictness: more
   * than one is an error at once), then runs `fn(element, arg)` there with a user gesture.
   */
  private async act<T>(fn: string, arg: unknown, options: { timeout?: number; ready?: (s: ElementState) => boolean } = {}): Promise<T> {
    const deadline = Date.now() + (options.timeout ?? defaultTimeout());
    let last = 'no element';
    for (;;) {
      const states = await this.states();
      if (states.length > 1) throw new Error(`view: ${this} matches ${states.length} elements`);
      if (states.length === 1 && (options.ready?.(states[0]!) ?? true)) {
        // Two animation frames first, as Playwright waits for a stable element: effects of the last
        // action (a component moving the focus, say) land before this one, not after it.
        const done = await this.view.evaluateSteps<{ value: T } | null>(
          this.steps,
          `async (els, arg) => {
            ${SETTLE};
            const now = (${RESOLVE})(${JSON.stringify(this.steps)});
            return now.length === 1 ? { value: await (${fn})(now[0], arg) } : null;
          }`,
          arg,
        );
        if (done) return done.value;
        continue;
      }
      if (states.length === 1) last = `not ready: ${JSON.stringify(states[0])}`;
      if (Date.now() > deadline) throw new Error(`view: ${this}: ${last}`);
      await sleep(50);
    }
  }

  /** A person's click: pointer and mouse events, focus, then the click (with its default action). */
  async click(options: { timeout?: number } = {}): Promise<void> {
    await this.act(
      `(el) => {
        el.scrollIntoView({ block: 'center', inline: 'center' });
        const r = el.getBoundingClientRect();
        const at = { bubbles: true, cancelable: true, composed: true, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2, button: 0 };
        el.dispatchEvent(new PointerEvent('pointerdown', { ...at, pointerType: 'mouse', isPrimary: true }));
        el.dispatchEvent(new MouseEvent('mousedown', { ...at, buttons: 1 }));
        if (typeof el.focus === 'function') el.focus();
        el.dispatchEvent(new PointerEvent('pointerup', { ...at, pointerType: 'mouse', isPrimary: true }));
        el.dispatchEvent(new MouseEvent('mouseup', at));
        el.click();
      }`,
      null,
      { ...options, ready: (s) => s.visible && s.enabled },
    );
  }

  /** Types `value` as a person would (the field's value, then input and change events). */
  async fill(value: string, options: { timeout?: number } = {}): Promise<void> {
    await this.act(
      `(el, value) => {
        el.focus();
        const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
        el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }`,
      value,
      { ...options, ready: (s) => s.visible && s.enabled },
    );
  }

  async press(key: string, options: { timeout?: number } = {}): Promise<void> {
    await this.act(`(el) => { el.focus(); ${PRESS.replace('__KEY__', JSON.stringify(key)).replace('__TARGET__', 'el')} }`, null, { ...options, ready: (s) => s.visible });
  }

  async focus(options: { timeout?: number } = {}): Promise<void> {
    await this.act('(el) => el.focus()', null, options);
  }

  async check(options: { timeout?: number } = {}): Promise<void> {
    if (!(await this.isChecked(options))) await this.click(options);
    if (!(await this.isChecked())) throw new Error(`view: ${this} did not become checked`);
  }

  async uncheck(options: { timeout?: number } = {}): Promise<void> {
    if (await this.isChecked(options)) await this.click(options);
    if (await this.isChecked()) throw new Error(`view: ${this} did not become unchecked`);
  }

  async selectOption(value: string, options: { timeout?: number } = {}): Promise<void> {
    await this.act(
      `(el, value) => {
        const option = [...el.options].find((o) => o.value === value || o.label === value);
        if (!option) throw new Error('no option ' + value);
        el.focus();
        el.value = option.value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }`,
      value,
      { ...options, ready: (s) => s.visible && s.enabled },
    );
  }

  /** Chooses files for an `<input type=file>`, as the file picker would (CDP `DOM.setFileInputFiles`). */
  async setInputFiles(files: string | { name: string; mimeType?: string; buffer: Buffer } | Array<string | { name: string; mimeType?: string; buffer: Buffer }>, options: { timeout?: number } = {}): Promise<void> {
    const paths = (Array.isArray(files) ? files : [files]).map((file) => {
      if (typeof file === 'string') return resolve(file);
      const path = join(mkdtempSync(join(tmpdir(), 'airlock-view-file-')), file.name);
      writeFileSync(path, file.buffer);
      return path;
    });
    await this.act('() => true', null, options);
    // A handle on the element, for the DOM domain: resolved by the same steps.
    const { result } = await this.view.send<EvaluateResult<unknown> & { result: { objectId?: string } }>('Runtime.evaluate', {
      expression: `(${RESOLVE})(${JSON.stringify(this.steps)})[0]`,
    });
    if (!result.objectId) throw new Error(`view: ${this} is no element`);
    await this.view.send('DOM.enable', {});
    await this.view.send('DOM.setFileInputFiles', { files: paths, objectId: result.objectId });
    await this.view.send('Runtime.releaseObject', { objectId: result.objectId });
  }

  private async one<T>(fn: string, options: { timeout?: number } = {}): Promise<T> {
    return this.act<T>(fn, null, options);
  }

  getAttribute(name: string, options: { timeout?: number } = {}): Promise<string | null> {
    return this.one(`(el) => el.getAttribute(${JSON.stringify(name)})`, options);
  }

  textContent(options: { timeout?: number } = {}): Promise<string | null> {
    return this.one('(el) => el.textContent', options);
  }

  innerText(options: { timeout?: number } = {}): Promise<string> {
    return this.one('(el) => el.innerText', options);
  }

  inputValue(options: { timeout?: number } = {}): Promise<string> {
    return this.one('(el) => el.value', options);
  }

  isChecked(options: { timeout?: number } = {}): Promise<boolean> {
    return this.one('(el) => !!el.checked', options);
  }

  /** Runs `fn` on the one element found (Playwright's `locator.evaluate`). */
  evaluate<T, A = undefined>(fn: (el: Element, arg: A) => T, arg?: A, options: { timeout?: number } = {}): Promise<T> {
    return this.act<T>(fn.toString(), arg ?? null, options);
  }

  /** Whether it is visible now (no waiting, as in Playwright). */
  async isVisible(): Promise<boolean> {
    const states = await this.states();
    return states.length > 0 && states[0]!.visible;
  }

  async isEnabled(): Promise<boolean> {
    const states = await this.states();
    return states.length > 0 && states[0]!.enabled;
  }

  async allTextContents(): Promise<string[]> {
    return (await this.states()).map((s) => s.text);
  }

  /** Waits for the state Playwright's `locator.waitFor` waits for (default: visible). */
  async waitFor(options: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number } = {}): Promise<void> {
    const state = options.state ?? 'visible';
    const deadline = Date.now() + (options.timeout ?? defaultTimeout());
    for (;;) {
      const states = await this.states();
      const ok =
        state === 'attached' ? states.length > 0 : state === 'detached' ? states.length === 0 : state === 'visible' ? states.some((s) => s.visible) : !states.some((s) => s.visible);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`view: ${this} did not become ${state}`);
      await sleep(50);
    }
  }
}

/** Views of Airlock's open now, by path (`popup.html`, `sidepanel.html`). */
async function viewTargets(cdp: CDPSession, airlock: ExtensionBrowser, path: string): Promise<TargetInfo[]> {
  const prefix = `chrome-extension://${airlock.extensionId}/${path}`;
  return (await targets(cdp)).filter((t) => t.type === 'page' && t.url.startsWith(prefix));
}

/**
 * Opens the real toolbar popup for `page`'s tab, as the human's click on the icon does (the tab is
 * brought to the front first: the popup is about the active tab). `chrome.action.openPopup()` is
 * asked of the worker, which needs no gesture for it. Without `page`, over the browser's first tab.
 */
export async function openPopup(airlock: ExtensionBrowser, page?: Page): Promise<ExtensionView> {
  await (page ?? (await firstTab(airlock))).bringToFront();
  const cdp = await anchorSession(airlock);
  const before = new Set((await viewTargets(cdp, airlock, 'popup.html')).map((t) => t.targetId));
  const worker = await airlock.serviceWorker();
  // In the last focused browser window (Airlock's human window is a popup window, without a toolbar).
  // Refused while the last popup is still closing: asked again, as a person clicks again.
  for (let attempt = 1; ; attempt++) {
    const refused = await worker
      .evaluate(async () => {
        type Chrome = { action: { openPopup(o: { windowId?: number }): Promise<void> }; windows: { getLastFocused(o: object): Promise<{ id?: number }> } };
        const c = (globalThis as unknown as { chrome: Chrome }).chrome;
        const window = await c.windows.getLastFocused({ windowTypes: ['normal'] });
        await c.action.openPopup({ windowId: window.id });
      })
      .then(
        () => null,
        (error: Error) => error,
      );
    if (!refused) break;
    if (attempt >= 5 || !/Failed to open popup/.test(refused.message)) throw refused;
    await sleep(200 * attempt);
  }
  const prefix = `chrome-extension://${airlock.extensionId}/popup.html`;
  const target = await waitForTarget(cdp, (t) => t.url.startsWith(prefix) && !before.has(t.targetId), 'the toolbar popup');
  await cdp.detach();
  const popup = await ExtensionView.attach(airlock, target);
  await popup.waitForSelector('[data-testid="status"]', { timeout: 15_000 });
  return popup;
}

/**
 * Opens Airlock's settings as the human does: the toolbar popup for `page`'s tab, then its Settings
 * button, which opens the side panel of that window. A side panel already open in that window is
 * closed first, so the settings are a new document as a freshly opened panel is (Airlock ties vault
 * edit sessions to the document that confirmed them). Returns once the vault section has loaded.
 * Without `page`, the browser's first tab: a window that outlives single tests.
 */
export async function openSettings(airlock: ExtensionBrowser, page?: Page): Promise<ExtensionView> {
  const popup = await openPopup(airlock, page ?? (await firstTab(airlock)));
  const cdp = await anchorSession(airlock);
  const windowOf = (view: ExtensionView) =>
    view.evaluate<number>('chrome.windows.getCurrent().then((w) => w.id)');
  const windowId = await windowOf(popup);
  for (const panel of await viewTargets(cdp, airlock, 'sidepanel.html')) {
    const open = await ExtensionView.attach(airlock, panel).catch(() => null);
    if (open && (await windowOf(open).catch(() => null)) === windowId) await closeTarget(cdp, panel.targetId);
    await open?.detach();
  }
  const before = new Set((await viewTargets(cdp, airlock, 'sidepanel.html')).map((t) => t.targetId));
  await popup.click('[data-action="open-settings"]');
  const prefix = `chrome-extension://${airlock.extensionId}/sidepanel.html`;
  const target = await waitForTarget(cdp, (t) => t.url.startsWith(prefix) && !before.has(t.targetId), 'the side panel');
  await popup.detach();
  await cdp.detach();
  const settings = await ExtensionView.attach(airlock, target);
  await expectView(settings.getByTestId('vault')).not.toHaveAttribute('data-state', 'loading', { timeout: 20_000 });
  return settings;
}

/**
 * Runs `use` on freshly opened settings, and again on new ones if Airlock closed them meanwhile: right
 * after one of its pages was found in a tab, Airlock refuses (and closes) every view alive at that
 * moment, which may be one just opened.
 */
export async function withSettings<T>(airlock: ExtensionBrowser, use: (settings: ExtensionView) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const settings = await openSettings(airlock).catch((error: Error) => error);
    if (!(settings instanceof Error)) {
      const result = await use(settings).then(
        (value) => ({ value }),
        (error: Error) => ({ error }),
      );
      await settings.close();
      if ('value' in result) return result.value;
      if (!settings.isClosed || attempt >= attempts) throw result.error;
    } else if (attempt >= attempts || !/closed|did not open/.test(settings.message)) {
      throw settings;
    }
    await sleep(250 * attempt);
  }
}

/** Attaches to the settings already open in a side panel, if any, leaving them as they are. */
export async function openedSettings(airlock: ExtensionBrowser): Promise<ExtensionView | null> {
  const cdp = await anchorSession(airlock);
  const [panel] = await viewTargets(cdp, airlock, 'sidepanel.html');
  await cdp.detach();
  return panel ? ExtensionView.attach(airlock, panel).catch(() => null) : null;
}

async function closeTarget(cdp: CDPSession, targetId: string): Promise<void> {
  await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
  const deadline = Date.now() + 10_000;
  while ((await targets(cdp)).some((t) => t.targetId === targetId)) {
    if (Date.now() > deadline) throw new Error('view: an old side panel did not close');
    await sleep(50);
  }
}

type Check = (states: ElementState[]) => boolean;

/**
 * Playwright's web-first assertions for a ViewLocator: each polls the view until it holds or the
 * timeout (the suite's expect timeout unless given) runs out, then fails with what was last seen.
 */
export function expectView(locator: ViewLocator) {
  const make = (negate: boolean) => {
    const poll = async (what: string, check: Check, options: { timeout?: number } = {}, attribute?: string): Promise<void> => {
      const deadline = Date.now() + (options.timeout ?? defaultTimeout());
      let states: ElementState[] = [];
      for (;;) {
        states = await locator.states(attribute);
        if (check(states) !== negate) return;
        if (Date.now() > deadline) break;
        await sleep(50);
      }
      expect(states, `${negate ? 'not ' : ''}${what}: ${locator}`).toBe(`${negate ? 'not ' : ''}${what}`);
    };
    const one = (check: (s: ElementState) => boolean): Check => (states) => states.length === 1 && check(states[0]!);
    const text = (actual: string, expected: string | RegExp, contain: boolean) => {
      const norm = actual.replace(/\s+/g, ' ').trim();
      if (expected instanceof RegExp) return expected.test(norm);
      const want = expected.replace(/\s+/g, ' ').trim();
      return contain ? norm.includes(want) : norm === want;
    };
    return {
      toHaveAttribute: (name: string, value?: string | RegExp, options?: { timeout?: number }) =>
        poll(`attribute ${name}=${String(value ?? '(any)')}`, one((s) => s.attribute !== null && (value === undefined || (value instanceof RegExp ? value.test(s.attribute) : s.attribute === value))), options, name),
      toBeVisible: (options?: { timeout?: number }) => poll('visible', (states) => states.length > 0 && states.every((s) => s.visible) && states.length === 1, options),
      toBeHidden: (options?: { timeout?: number }) => poll('hidden', (states) => states.every((s) => !s.visible), options),
      toHaveText: (expected: string | RegExp | Array<string | RegExp>, options?: { timeout?: number }) =>
        poll(
          `text ${String(expected)}`,
          Array.isArray(expected) ? (states) => states.length === expected.length && states.every((s, i) => text(s.text, expected[i]!, false)) : one((s) => text(s.text, expected, false)),
          options,
        ),
      toContainText: (expected: string | RegExp, options?: { timeout?: number }) => poll(`text containing ${String(expected)}`, one((s) => text(s.text, expected, true)), options),
      toHaveValue: (expected: string | RegExp, options?: { timeout?: number }) =>
        poll(`value ${String(expected)}`, one((s) => s.value !== null && (expected instanceof RegExp ? expected.test(s.value) : s.value === expected)), options),
      toHaveCount: (count: number, options?: { timeout?: number }) => poll(`count ${count}`, (states) => states.length === count, options),
      toBeDisabled: (options?: { timeout?: number }) => poll('disabled', one((s) => !s.enabled), options),
      toBeEnabled: (options?: { timeout?: number }) => poll('enabled', one((s) => s.enabled), options),
      toBeFocused: (options?: { timeout?: number }) => poll('focused', one((s) => s.focused), options),
      toBeChecked: (options?: { timeout?: number }) => poll('checked', one((s) => s.checked), options),
    };
  };
  return { ...make(false), not: make(true) };
}
