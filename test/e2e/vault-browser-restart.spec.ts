import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { launchExtensionBrowser } from './extension-browser';
import { sendFromExtensionPage } from './step-up-human';
import { MASTER_PASSWORD } from './takeover-harness';
import { expectView, openSettings } from './extension-view';

/** The vault locks when the browser restarts (its key lived only in the worker's memory), and loses nothing. */
test.setTimeout(120_000);

test('an unlocked vault is locked after a browser restart with the same profile, and opens again with every entry', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'airlock-restart-profile-'));
  try {
    const first = await launchExtensionBrowser({ profile });
    let page = await openSettings(first);
    expect(await sendFromExtensionPage(page, 'vault.create', { password: MASTER_PASSWORD })).toMatchObject({ ok: true });
    expect(await sendFromExtensionPage(page, 'vault.beginEdit', { proof: { kind: 'master-password', password: MASTER_PASSWORD } })).toMatchObject({ ok: true });
    const entry = { title: 'Kept', origins: ['https://kept.example'], username: 'ada', password: 'kept-across-restart-1' };
    expect(await sendFromExtensionPage(page, 'vault.add', entry)).toMatchObject({ ok: true });
    expect(await sendFromExtensionPage(page, 'vault.status', {})).toMatchObject({ ok: true, value: { created: true, unlocked: true } });
    await first.close();

    const second = await launchExtensionBrowser({ profile });
    try {
      page = await openSettings(second);
      expect(await sendFromExtensionPage(page, 'vault.status', {})).toMatchObject({ ok: true, value: { created: true, unlocked: false } });
      const session = await (await second.serviceWorker()).evaluate(() => (globalThis as unknown as { chrome: { storage: { session: { get(): Promise<object> } } } }).chrome.storage.session.get());
      expect(Object.keys(session)).not.toContain('vaultSession.v1');
      await expectView(page.getByTestId('vault')).toHaveAttribute('data-state', 'locked');
      expect(await sendFromExtensionPage(page, 'vault.unlock', { password: MASTER_PASSWORD })).toMatchObject({ ok: true, value: { unlocked: true } });
      const listed = (await sendFromExtensionPage(page, 'vault.list', {})).value as { entries: Array<{ title: string; username: string }> };
      expect(listed.entries).toEqual([expect.objectContaining({ title: 'Kept', username: 'ada' })]);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
