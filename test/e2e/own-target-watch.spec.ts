import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEV_EXTENSION_ID } from '../../lib/extension-key';
import { CHROME_BUILD, launchExtensionBrowser, type ExtensionBrowser } from './extension-browser';
import { RawChromium } from './raw-cdp';
import { openPopup, openSettings, type ExtensionView } from './extension-view';

/**
 * The T3 watch (docs/threat-model.md) in real Chromium: Playwright attaches to every target, Airlock's service worker and
 * pages included, so with the `debugger` permission Airlock must notice it, keep the vault locked and
 * record it. Chromium refuses `debugger` as an optional permission (kFlagCannotBeOptional), so the
 * grant is made by loading a copy of the build whose manifest requires it, as the debugger build
 * (AIRLOCK_WITH_DEBUGGER=1) does.
 */
function buildWithDebuggerPermission(): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-debugger-build-'));
  cpSync(CHROME_BUILD, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { permissions: string[]; optional_permissions?: string[] };
  expect(manifest.permissions).not.toContain('debugger');
  expect(manifest.optional_permissions ?? []).not.toContain('debugger');
  manifest.permissions.push('debugger');
  writeFileSync(path, JSON.stringify(manifest));
  return dir;
}

const PASSWORD = 'correct horse battery staple';

async function send(page: ExtensionView, kind: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return page.evaluate(
    ([k, p]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<never> } } }).chrome.runtime.sendMessage({ airlock: 'internal', kind: k, payload: p, document: (globalThis as unknown as { airlockDocument?: string }).airlockDocument }),
    [kind, payload] as const,
  );
}

async function debuggerEntries(options: ExtensionView): Promise<Array<{ kind: string; reason?: string; details?: Record<string, unknown> }>> {
  const reply = (await send(options, 'vault.audit', {})) as { ok: true; value: { entries: Array<{ kind: string; reason?: string; details?: Record<string, unknown> }>; verdict: { ok: boolean } } };
  expect(reply.value.verdict.ok).toBe(true);
  return reply.value.entries.filter((e) => e.kind === 'debugger-attached');
}

async function permitted(airlock: ExtensionBrowser): Promise<boolean> {
  const worker = await airlock.serviceWorker();
  return worker.evaluate(() => (globalThis as unknown as { chrome: { permissions: { contains(p: unknown): Promise<boolean> } } }).chrome.permissions.contains({ permissions: ['debugger'] }));
}

test.describe('a debugger attached to Airlock itself', () => {
  test('the shipped build holds no debugger permission, and its popup says the signal needs the debugger build', async () => {
    const airlock = await launchExtensionBrowser();
    try {
      expect(await permitted(airlock)).toBe(false);
      const page = await airlock.context.newPage();
      await page.goto('about:blank');
      const popup = await openPopup(airlock, page);
      await popup.waitForSelector('[data-testid="debugger-unavailable"]');
      expect(await popup.text()).toContain("Needs Airlock's debugger build");
      expect(await popup.text()).not.toContain('A debugger is attached to Airlock itself');
      await popup.close();
    } finally {
      await airlock.close();
    }
  });

  test('with the debugger permission, Playwright on the worker keeps the vault locked, is refused and is recorded once', async () => {
    const build = buildWithDebuggerPermission();
    const airlock = await launchExtensionBrowser({ build });
    try {
      expect(await permitted(airlock)).toBe(true);
      const options = await openSettings(airlock);
      // No vault can be made or opened while a harness holds a session on Airlock's worker.
      expect(await send(options, 'vault.create', { password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'DEBUGGER_ON_AIRLOCK' } });
      expect(await send(options, 'vault.unlock', { password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'DEBUGGER_ON_AIRLOCK' } });
      expect(await send(options, 'vault.status', {})).toMatchObject({ ok: true, value: { unlocked: false } });
      // Recorded once for this attachment, however many times Airlock looked.
      await expect.poll(async () => (await debuggerEntries(options)).length).toBe(1);
      const [entry] = await debuggerEntries(options);
      expect(entry).toMatchObject({ reason: 'DEBUGGER_ON_AIRLOCK', details: { types: expect.stringContaining('worker') } });

      // The human sees why in the toolbar popup.
      const page = await airlock.context.newPage();
      await page.goto('about:blank');
      const popup = await openPopup(airlock, page);
      await popup.waitForSelector('[data-testid="debugger-on-airlock"]');
      expect(await popup.text()).toContain('A debugger is attached to Airlock itself; the vault was locked');
      // This build can offer the tab signal: the toggle is there, not the "needs the debugger build" line.
      await popup.waitForSelector('input[name="debugger"]');
      expect(await popup.text()).not.toContain("Needs Airlock's debugger build");
      await popup.close();
      expect(await debuggerEntries(options)).toHaveLength(1);
    } finally {
      await airlock.close();
      rmSync(build, { recursive: true, force: true });
    }
  });

  test('an unlocked vault is locked when a debugger attaches to the worker, and opens again once it detaches', async () => {
    const build = buildWithDebuggerPermission();
    const chromium = await RawChromium.launch(build);
    try {
      const origin = `chrome-extension://${DEV_EXTENSION_ID}`;
      await expect.poll(async () => (await chromium.targets()).some((t) => t.type === 'service_worker' && t.url.startsWith(origin))).toBe(true);
      // The human opens Airlock's settings: the toolbar button (CDP's own click on it, with no debugger
      // on the worker), then Settings in the popup, which opens the side panel.
      const { targetInfos: tabs } = await chromium.send<{ targetInfos: Array<{ targetId: string }> }>('Target.getTargets', { filter: [{ type: 'tab' }] });
      await chromium.send('Extensions.triggerAction', { id: DEV_EXTENSION_ID, targetId: tabs[0]!.targetId });
      const targetAt = async (path: string) => (await chromium.targets()).find((t) => t.type === 'page' && t.url.startsWith(`${origin}/${path}`));
      await expect.poll(async () => !!(await targetAt('popup.html'))).toBe(true);
      const popupId = (await targetAt('popup.html'))!.targetId;
      await expect
        .poll(() => chromium.evaluateOnce<boolean>(popupId, `!!document.querySelector('[data-action="open-settings"]')`).catch(() => false))
        .toBe(true);
      const popupSession = await chromium.attach(popupId);
      await chromium.send('Runtime.evaluate', { expression: `document.querySelector('[data-action="open-settings"]').click()`, userGesture: true }, popupSession);
      // The popup closes itself once the side panel is open.
      await expect.poll(async () => !!(await targetAt('sidepanel.html'))).toBe(true);
      await chromium.detach(popupSession).catch(() => undefined);
      const optionsId = (await targetAt('sidepanel.html'))!.targetId;
      const title = async () => (await chromium.targets()).find((t) => t.targetId === optionsId)?.title ?? '';
      // Loaded once the title is the page's own, not its URL.
      await expect.poll(async () => /^[A-Z]/.test(await title()), { timeout: 20_000 }).toBe(true);
      // The human's side, left running in the settings with no debugger on it: create the vault,
      // then keep reporting its state in the page title (readable without attaching) and, whenever
      // it is locked, try to unlock it.
      await chromium.evaluateOnce(optionsId, `(() => {
        const send = (kind, payload) => chrome.runtime.sendMessage({ airlock: 'internal', kind, payload, document: globalThis.airlockDocument });
        const password = ${JSON.stringify(PASSWORD)};
        let created = false;
        const step = async () => {
          if (!created) {
            const reply = await send('vault.create', { password });
            created = reply.ok;
            document.title = 'create:' + (reply.ok ? 'ok' : reply.error.code);
          } else if ((await send('vault.status', {})).value.unlocked) {
            document.title = 'unlocked';
          } else {
            const reply = await send('vault.unlock', { password });
            document.title = 'locked:' + (reply.ok ? 'ok' : reply.error.code);
          }
          setTimeout(step, 300);
        };
        setTimeout(step, 300);
      })()`);
      await expect.poll(title, { timeout: 30_000 }).toBe('unlocked');

      const worker = (await chromium.targets()).find((t) => t.type === 'service_worker' && t.url.startsWith(origin))!;
      const session = await chromium.attach(worker.targetId);
      // Airlock's own periodic look notices it: nothing else asked the worker for a decision.
      await expect.poll(title, { timeout: 30_000 }).toBe('locked:DEBUGGER_ON_AIRLOCK');
      const audit = async () =>
        chromium.evaluateOnce<Array<{ kind: string; reason?: string; details?: Record<string, unknown> }>>(
          optionsId,
          `chrome.runtime.sendMessage({ airlock: 'internal', kind: 'vault.audit', payload: {} }).then((r) => r.value.entries)`,
        );
      // The page may have been refused once already while the script above was being injected (a
      // debugger on the settings page is one too); the worker's attachment is recorded once.
      const onWorker = (entries: Array<{ kind: string; details?: Record<string, unknown> }>) => entries.filter((e) => e.kind === 'debugger-attached' && e.details?.types === 'worker');
      const during = await audit();
      expect(onWorker(during)).toEqual([expect.objectContaining({ reason: 'DEBUGGER_ON_AIRLOCK', details: { targets: 1, types: 'worker' } })]);
      expect(during).toContainEqual(expect.objectContaining({ kind: 'vault-locked', reason: 'debugger' }));
      expect(JSON.stringify(during)).not.toContain(PASSWORD);

      await chromium.detach(session);
      await expect.poll(title, { timeout: 30_000 }).toBe('unlocked');
      expect(onWorker(await audit())).toHaveLength(1);
    } finally {
      await chromium.close();
      rmSync(build, { recursive: true, force: true });
    }
  });

  test('without the permission (the shipped build), the same harness is not noticed and the vault opens', async () => {
    const airlock = await launchExtensionBrowser();
    try {
      expect(await permitted(airlock)).toBe(false);
      const options = await openSettings(airlock);
      expect(await send(options, 'vault.create', { password: PASSWORD })).toMatchObject({ ok: true, value: { unlocked: true } });
      expect(await debuggerEntries(options)).toEqual([]);
    } finally {
      await airlock.close();
    }
  });
});
