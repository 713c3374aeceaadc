import { test, expect } from './fixtures';
import { auditEntries } from './oauth-helpers';
import { sendFromExtensionPage } from './step-up-human';
import { addEntry, confirmVaultEdit, entryCount, MASTER_PASSWORD, openSettingsForEdits, setUpVault } from './takeover-harness';
import { expectView, openPopup, openSettings, type ExtensionView } from './extension-view';

let ready = false;
test.beforeEach(async ({ airlock }) => {
  if (ready) return;
  await setUpVault(airlock, [{ title: 'Keeper', origin: 'https://keeper.example', username: 'keeper', password: 'keeper-password-1' }]);
  ready = true;
});

function chromeCsv(rows: number): string {
  const lines = ['name,url,username,password,note'];
  for (let i = 0; i < rows; i++) lines.push(`site${i},https://site${i}.example/login,user${i},pw-${i}-x,`);
  return lines.join('\n');
}

async function chooseCsv(options: ExtensionView, text: string): Promise<void> {
  await options.locator('input[name="csv"]').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('a wrong master password says so and changes nothing; the right one opens the same entries', async ({ airlock }) => {
  const options = await openSettings(airlock);
  const entries = await entryCount(options);
  await options.locator('[data-action="lock"]').click();
  await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'locked');
  const unlock = options.getByTestId('vault-unlock');
  await unlock.locator('input[name="master-password"]').fill('not the master password');
  await unlock.locator('button[type="submit"]').click();
  await expectView(options.getByTestId('vault-error')).toHaveAttribute('data-code', 'VAULT_WRONG_PASSWORD');
  await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'locked');
  await unlock.locator('input[name="master-password"]').fill(MASTER_PASSWORD);
  await unlock.locator('button[type="submit"]').click();
  await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'unlocked', { timeout: 30_000 });
  expect(await entryCount(options)).toBe(entries);
  await options.close();
});

test('script in the settings of an unlocked vault cannot edit it; the human confirms with the master password, and then can', async ({ airlock }) => {
  // Script in Airlock's settings (what an agent that reached an Airlock page would run) sends what the page would send.
  const options = await openSettings(airlock);
  await expectView(options.getByTestId('vault-edit')).toHaveAttribute('data-state', 'closed');
  const entries = await entryCount(options);
  const listed = (await sendFromExtensionPage(options, 'vault.list', {})).value as { entries: Array<{ id: string }> };
  const victim = listed.entries[0]!.id;
  const planted = { title: 'Planted', origins: ['https://planted.example'], username: 'agent', password: 'planted-by-agent-1' };
  expect(await sendFromExtensionPage(options, 'vault.add', planted)).toMatchObject({ ok: false, error: { code: 'VAULT_EDIT_UNCONFIRMED' } });
  expect(await sendFromExtensionPage(options, 'vault.delete', { id: victim })).toMatchObject({ ok: false, error: { code: 'VAULT_EDIT_UNCONFIRMED' } });
  // A forged confirmation (no proof, a bare click, a guessed password) opens no session.
  expect(await sendFromExtensionPage(options, 'vault.beginEdit', { proof: null })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
  expect(await sendFromExtensionPage(options, 'vault.beginEdit', { proof: { kind: 'none' } })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
  expect(await sendFromExtensionPage(options, 'vault.beginEdit', { proof: { kind: 'master-password', password: 'guessed 12345' } })).toMatchObject({ ok: false, error: { code: 'VAULT_WRONG_PASSWORD' } });
  expect(await sendFromExtensionPage(options, 'vault.add', planted)).toMatchObject({ ok: false, error: { code: 'VAULT_EDIT_UNCONFIRMED' } });

  // Nothing changed, and every attempt is in the audit log (without any password).
  await options.reload();
  expect(await entryCount(options)).toBe(entries);
  expect(((await sendFromExtensionPage(options, 'vault.list', {})).value as { entries: Array<{ id: string }> }).entries.map((e) => e.id)).toContain(victim);
  const audit = await auditEntries(await airlock.serviceWorker());
  const refused = audit.filter((e) => e.kind === 'refusal' && e.reason === 'VAULT_EDIT_UNCONFIRMED').map((e) => e.details?.message);
  expect(refused).toEqual(expect.arrayContaining(['vault.add', 'vault.delete']));
  expect(audit.filter((e) => e.kind === 'refusal' && e.details?.purpose === 'vault-edit').map((e) => e.reason)).toEqual(expect.arrayContaining(['CONFIRMATION_REQUIRED', 'VAULT_WRONG_PASSWORD']));
  expect(JSON.stringify(audit)).not.toContain('guessed 12345');
  expect(JSON.stringify(audit)).not.toContain(MASTER_PASSWORD);

  // The human, on this page: Confirm to edit, master password; the edit goes through.
  await confirmVaultEdit(options);
  await addEntry(options, { title: 'Human', origin: 'https://human.example', username: 'ada', password: 'human-added-1' });
  expect(await entryCount(options)).toBe(entries + 1);
  const confirmed = (await auditEntries(await airlock.serviceWorker())).filter((e) => e.kind === 'approval' && e.details?.purpose === 'vault-edit');
  expect(confirmed.at(-1)).toMatchObject({ reason: 'HUMAN_CONFIRMED_MASTER_PASSWORD_WEAKER', details: { confirmation: 'master-password' } });

  await options.close();
});

test('the edit session belongs to the settings document that confirmed: the popup and a reload of the settings start without one', async ({ airlock, page }) => {
  const options = await openSettingsForEdits(airlock);
  const planted = { title: 'Planted', origins: ['https://planted.example'], username: 'agent', password: 'planted-by-agent-1' };
  // Another Airlock view (the toolbar popup: one side panel per window) has no session.
  await page.goto('about:blank');
  const other = await openPopup(airlock, page);
  expect(await sendFromExtensionPage(other, 'vault.add', planted)).toMatchObject({ ok: false, error: { code: 'VAULT_EDIT_UNCONFIRMED' } });
  await other.close();
  // The session belongs to the document that confirmed: a reload of it starts without one.
  await options.reload();
  await expectView(options.getByTestId('vault-edit')).toHaveAttribute('data-state', 'closed');
  await options.close();
});

test('locking the vault ends the edit session: once unlocked again, the page must confirm anew', async ({ airlock }) => {
  const options = await openSettingsForEdits(airlock);
  const first = { title: 'Before lock', origins: ['https://before-lock.example'], username: 'ada', password: 'before-lock-1' };
  expect(await sendFromExtensionPage(options, 'vault.add', first)).toMatchObject({ ok: true });
  expect(await sendFromExtensionPage(options, 'vault.lock', {})).toMatchObject({ ok: true });
  expect(await sendFromExtensionPage(options, 'vault.unlock', { password: MASTER_PASSWORD })).toMatchObject({ ok: true, value: { unlocked: true } });
  const second = { title: 'After lock', origins: ['https://after-lock.example'], username: 'ada', password: 'after-lock-1' };
  expect(await sendFromExtensionPage(options, 'vault.add', second)).toMatchObject({ ok: false, error: { code: 'VAULT_EDIT_UNCONFIRMED' } });
  const titles = ((await sendFromExtensionPage(options, 'vault.list', {})).value as { entries: Array<{ title: string }> }).entries.map((e) => e.title);
  expect(titles).toContain('Before lock');
  expect(titles).not.toContain('After lock');
  await options.close();
});

test('the human sets the idle time: shorter at once, longer only after confirming; the open vault and its wake-up alarm follow', async ({ airlock }) => {
  const options = await openSettings(airlock);
  const control = options.getByTestId('idle-lock');
  await expectView(control).toHaveAttribute('data-minutes', '10');
  const worker = await airlock.serviceWorker();
  const alarmIn = async () =>
    worker.evaluate(async () => {
      const alarm = await (globalThis as unknown as { chrome: { alarms: { get(n: string): Promise<{ scheduledTime: number } | undefined> } } }).chrome.alarms.get('airlock-vault-idle');
      return alarm ? alarm.scheduledTime - Date.now() : null;
    });

  // Shorter: taken at once, from a page with no edit session; the alarm moves in.
  await options.locator('select[name="idle-lock"]').selectOption('5');
  await expectView(control).toHaveAttribute('data-minutes', '5');
  await expectView(options.getByTestId('idle-lock-saved')).toHaveText('Saved.');
  const shorter = await alarmIn();
  expect(shorter).not.toBeNull();
  expect(shorter!).toBeLessThanOrEqual(5 * 60_000 + 1_000);

  // Longer: refused without the edit session (it would keep the vault open longer), and said why.
  await options.locator('select[name="idle-lock"]').selectOption('60');
  await expectView(options.getByTestId('idle-lock-error')).toHaveAttribute('data-code', 'VAULT_EDIT_UNCONFIRMED');
  await expectView(control).toHaveAttribute('data-minutes', '5');
  expect(await sendFromExtensionPage(options, 'vault.idleLock', {})).toMatchObject({ ok: true, value: { minutes: 5 } });

  // After Confirm to edit the vault, the longer time is taken and the alarm moves out.
  await confirmVaultEdit(options);
  await options.locator('select[name="idle-lock"]').selectOption('60');
  await expectView(control).toHaveAttribute('data-minutes', '60');
  expect((await alarmIn())!).toBeGreaterThan(59 * 60_000);
  expect(await sendFromExtensionPage(options, 'vault.setIdleLock', { minutes: 7 })).toMatchObject({ ok: false, error: { code: 'MESSAGE_MALFORMED' } });

  // Back to the default for the tests after this one; the setting outlives the page.
  await options.locator('select[name="idle-lock"]').selectOption('10');
  await options.reload();
  await expectView(options.getByTestId('idle-lock')).toHaveAttribute('data-minutes', '10');
  await options.close();
});

test('a truncated CSV is refused before anything is written', async ({ airlock }) => {
  const options = await openSettings(airlock);
  const entries = await entryCount(options);
  await chooseCsv(options, 'name,url,username,password,note\nmail,https://mail.example,ada,"unterminated');
  await expectView(options.getByTestId('import-error')).toHaveAttribute('data-code', 'VAULT_IMPORT_TRUNCATED');
  await expectView(options.getByTestId('import-preview')).toHaveCount(0);
  await options.reload();
  expect(await entryCount(options)).toBe(entries);
  await options.close();
});

test('a CSV preview shows what is skipped and why; nothing is written until the human confirms', async ({ airlock }) => {
  const options = await openSettings(airlock);
  const entries = await entryCount(options);
  await chooseCsv(options, 'name,url,username,password,note\nok,https://ok.example,ada,pw1,\nplain,http://plain.example,ada,pw2,\nnopw,https://nopw.example,ada,,\n');
  const preview = options.getByTestId('import-preview');
  await expectView(preview).toHaveAttribute('data-format', 'chrome');
  await expectView(preview).toHaveAttribute('data-rows', '1');
  await expectView(options.getByTestId('import-skipped')).toContainText('not HTTPS');
  await expectView(options.getByTestId('import-skipped')).toContainText('no password');
  await options.reload();
  expect(await entryCount(options)).toBe(entries);
  // Writing needs an edit session, confirmed on this (reloaded) page.
  await confirmVaultEdit(options);
  await chooseCsv(options, 'name,url,username,password,note\nok,https://ok.example,ada,pw1,\n');
  await options.locator('[data-action="confirm-import"]').click();
  await expectView(options.getByTestId('import-result')).toContainText('1');
  await expect.poll(() => entryCount(options)).toBe(entries + 1);
  await options.close();
});

test('a CSV of 10,000 rows imports with a progress indicator', async ({ airlock }) => {
  test.setTimeout(240_000);
  const options = await openSettingsForEdits(airlock);
  const entries = await entryCount(options);
  await options.evaluate(() => {
    const w = window as unknown as { __progressSeen: string[] };
    w.__progressSeen = [];
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid="import-progress"]');
      if (p) w.__progressSeen.push(p.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await chooseCsv(options, chromeCsv(10_000));
  await expectView(options.getByTestId('import-preview')).toHaveAttribute('data-rows', '10000', { timeout: 60_000 });
  await options.locator('[data-action="confirm-import"]').click();
  await expectView(options.getByTestId('import-result')).toContainText('10000', { timeout: 180_000 });
  const seen = await options.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);
  expect(seen.length).toBeGreaterThan(0);
  await expect.poll(() => entryCount(options), { timeout: 30_000 }).toBe(entries + 10_000);
  // The page draws the first 200 rows; a search finds any entry among the 10,000, all its words matching.
  const rows = options.locator('[data-testid="entries"] > li');
  await expectView(rows).toHaveCount(200);
  await options.getByTestId('entry-search').fill('USER9876 site9876.example');
  await expectView(options.getByTestId('entry-matches')).toHaveText('1 entry matches');
  await expectView(rows).toHaveCount(1);
  await expectView(rows).toContainText('user9876');
  await options.getByTestId('entry-search').fill('site98');
  await expectView(options.getByTestId('entry-matches')).toHaveText('111 entries match');
  await options.close();
});

test('a corrupted entry is reported and can be deleted; the others keep working', async ({ airlock }) => {
  const options = await openSettings(airlock);
  const entries = await entryCount(options);
  const id = await options.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('airlock-vault');
        open.onsuccess = () => {
          const tx = open.result.transaction('entries', 'readwrite');
          const store = tx.objectStore('entries');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const record = cursor.result!.value;
            // One flipped bit in each ciphertext: AES-GCM's tag no longer authenticates.
            record.secret.ct[0] ^= 1;
            record.profile.ct[0] ^= 1;
            cursor.result!.update(record);
            tx.oncomplete = () => resolve(record.id as string);
          };
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await options.reload();
  await confirmVaultEdit(options);
  await expectView(options.getByTestId('corrupt-entries')).toContainText(id);
  expect(await entryCount(options)).toBe(entries - 1);
  await options.locator(`[data-testid="corrupt-entries"] [data-delete-id="${id}"]`).click();
  await expectView(options.getByTestId('corrupt-entries')).toHaveCount(0);
  await options.close();
});

test('encrypted export and re-import: the same entries come back as duplicates, nothing lost', async ({ airlock }) => {
  test.setTimeout(180_000);
  const options = await openSettingsForEdits(airlock);
  const form = options.getByTestId('vault-export');
  await form.locator('input[name="master-password"]').fill(MASTER_PASSWORD);
  await form.locator('input[name="export-password"]').fill('export pass 77');
  const file = await options.download(() => form.locator('button[type="submit"]').click(), 120_000);
  await expectView(options.getByTestId('export-result')).toBeVisible();
  const again = options.getByTestId('vault-import-encrypted');
  await again.locator('input[name="export-file"]').setInputFiles(file);
  await again.locator('input[name="import-password"]').fill('wrong export pass');
  await again.locator('button[type="submit"]').click();
  await expectView(options.getByTestId('import-error')).toHaveAttribute('data-code', 'VAULT_EXPORT_WRONG_PASSWORD');
  await again.locator('input[name="import-password"]').fill('export pass 77');
  await again.locator('button[type="submit"]').click();
  await expectView(options.getByTestId('import-result')).toContainText('(', { timeout: 120_000 });
  expect(await options.getByTestId('import-result').textContent()).toMatch(/^Imported 0 entries/);
  await options.close();
});
