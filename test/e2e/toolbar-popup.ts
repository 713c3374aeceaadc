import type { CDPSession, Page } from 'playwright-core';
import type { ExtensionBrowser } from './extension-browser';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/**
 * Page object for Airlock's real toolbar popup (not popup.html loaded in a tab: Airlock refuses to
 * lower protection from there). It is opened with `chrome.action.openPopup()` as the human's click
 * would, and driven through CDP, since popups are not pages of the Playwright context.
 */
export class ToolbarPopup {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget' as never, (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      this.pending.get(message.id)?.(message.error ? new Error(message.error.message) : message.result);
      this.pending.delete(message.id);
    });
  }

  /** Opens the popup for `page`'s tab (brought to the front first, as when the human clicks the icon). */
  static async open(browser: ExtensionBrowser, page: Page): Promise<ToolbarPopup> {
    await page.bringToFront();
    const worker = await browser.serviceWorker();
    await worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome;
      await c.action.openPopup();
    });
    const cdp = await browser.context.newCDPSession(page);
    const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
    let target: TargetInfo | undefined;
    for (let i = 0; i < 50 && !target; i++) {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
      target = targetInfos.find((t) => t.url.startsWith(popupUrl));
      if (!target) await new Promise((r) => setTimeout(r, 100));
    }
    if (!target) throw new Error('The toolbar popup did not open');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
      sessionId: string;
    };
    const popup = new ToolbarPopup(cdp, sessionId);
    await popup.waitFor('[data-testid="status"]');
    return popup;
  }

  private async command<T>(method: string, params: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve) => this.pending.set(id, resolve));
    await this.cdp.send('Target.sendMessageToTarget' as never, {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    } as never);
    const value = await result;
    if (value instanceof Error) throw value;
    return value as T;
  }

  /** Sends any CDP command to the popup's target (e.g. `WebAuthn.addVirtualAuthenticator`). */
  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.command<T>(method, params);
  }

  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.command<{ result: { value: T }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
    );
    if (exceptionDetails) throw new Error(`popup: ${exceptionDetails.text}`);
    return result.value;
  }

  async waitFor(selector: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.evaluate<boolean>(`!!document.querySelector(${JSON.stringify(selector)})`)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`popup: ${selector} did not appear`);
  }

  text(): Promise<string> {
    return this.evaluate<string>('document.body.innerText');
  }

  /** Clicks like a person would: focus, then a real click event on the element. */
  async click(selector: string): Promise<void> {
    const ok = await this.evaluate<boolean>(
      `(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) return false; el.focus(); el.click(); return true; })()`,
    );
    if (!ok) throw new Error(`popup: no ${selector}`);
  }

  async screenshot(): Promise<Buffer> {
    const { data } = await this.command<{ data: string }>('Page.captureScreenshot', { format: 'png' });
    return Buffer.from(data, 'base64');
  }

  async close(): Promise<void> {
    await this.evaluate('window.close()').catch(() => undefined);
    await this.cdp.detach().catch(() => undefined);
  }
}
