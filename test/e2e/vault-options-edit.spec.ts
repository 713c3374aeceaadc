import { readFile } from 'node:fs/promises';
import { openExport, type ExportedEntry } from '../../lib/vault/vault-export';
import { test, expect } from './fixtures';
import type { ExtensionBrowser } from './extension-browser';
import { exposedPasswordFields } from './leak-checks';
import { sendFromExtensionPage } from './step-up-human';
import { addEntry, auditJson, confirmVaultEdit, entryCount, MASTER_PASSWORD, openSettingsForEdits, setUpVault } from './takeover-harness';
import { expectView, openSettings, type ExtensionView, type ViewLocator } from './extension-view';

// Every entry this file makes carries this prefix: the browser is shared with other files, and only
// these are removed afterwards.
const PREFIX = 'Options edit · ';
// The master password while the change-password test runs; the shared one is put back after it.
const NEW_MASTER_PASSWORD = 'options edit: amber kettle 93';
const EXPORT_PASSWORD = 'options edit export 58';

// The generator's alphabets (no look-alike characters: l, I, O, 0, 1).
const LOWER = /[a-km-z]/;
const UPPER = /[A-HJ-NP-Z]/;
const DIGIT = /[2-9]/;
const SYMBOL = /[!#$%&*+\-=?@^_~]/;
const GENERATED = /^[a-km-zA-HJ-NP-Z2-9!#$%&*+\-=?@^_~]{20}$/;

type Listed = { entries: Array<{ id: string; title: string; username: string; origins: string[] }> };
const listed = async (options: ExtensionView) => ((await sendFromExtensionPage(options, 'vault.list', {})).value as Listed).entries;

/** An entry's row in the list, by its id (a row being edited shows a form, not its title). */
const row = (options: ExtensionView, id: string) => options.locator(`[data-testid="entries"] > li[data-id="${id}"]`);

async function idOf(options: ExtensionView, title: string): Promise<string> {
  const matches = (await listed(options)).filter((entry) => entry.title === title);
  expect(matches, `one entry titled ${title}`).toHaveLength(1);
  return matches[0]!.id;
}

async function lock(options: ExtensionView): Promise<void> {
  await options.getByRole('button', { name: 'Lock the vault' }).click();
  await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'locked');
}

/** Types the master password into the unlock form; `opens` says whether it should open the vault. */
async function unlock(options: ExtensionView, password: string, opens: boolean): Promise<void> {
  const form = options.getByTestId('vault-unlock');
  await form.getByLabel('Master password').fill(password);
  await form.getByRole('button', { name: 'Unlock' }).click();
  if (opens) {
    await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'unlocked', { timeout: 30_000 });
  } else {
    await expectView(options.getByTestId('vault-error')).toHaveAttribute('data-code', 'VAULT_WRONG_PASSWORD', { timeout: 30_000 });
    await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'locked');
  }
}

/** The "Change master password" form, opened as the human does (it sits in a collapsed section). */
async function changeMasterPassword(options: ExtensionView, current: string, next: string): Promise<ViewLocator> {
  const form = options.getByTestId('vault-change-password');
  if (!(await form.isVisible())) await options.locator('summary', { hasText: 'Change master password' }).click();
  await form.getByLabel('Current master password').fill(current);
  await form.getByLabel('New master password').fill(next);
  await form.getByLabel('Repeat the master password').fill(next);
  await form.getByRole('button', { name: 'Change master password' }).click();
  return form;
}

/** Every entry, decrypted, from the settings's encrypted export (downloaded, then opened here). */
async function exportedEntries(options: ExtensionView, masterPassword: string): Promise<ExportedEntry[]> {
  const form = options.getByTestId('vault-export');
  await form.getByLabel('Master password').fill(masterPassword);
  await form.getByLabel('Export password').fill(EXPORT_PASSWORD);
  const file = await options.download(() => form.getByRole('button', { name: 'Export' }).click(), 60_000);
  return openExport(await readFile(file, 'utf8'), EXPORT_PASSWORD);
}

function exportedOne(entries: readonly ExportedEntry[], title: string): ExportedEntry {
  // Counted, not printed: a failed expectation would show the entries, passwords included.
  const matches = entries.filter((entry) => entry.title === title);
  expect(matches.length, `one exported entry titled ${title}`).toBe(1);
  return matches[0]!;
}

/**
 * Puts the shared master password back (a failed change-password test may have left the new one),
 * unlocks, and removes this file's entries: the files after this one find the vault as they expect.
 */
async function restoreVault(airlock: ExtensionBrowser): Promise<string[]> {
  const page = await openSettings(airlock);
  // Refused (wrong password) when the shared one is already in place: nothing to put back then.
  await sendFromExtensionPage(page, 'vault.changePassword', { oldPassword: NEW_MASTER_PASSWORD, newPassword: MASTER_PASSWORD });
  await page.close();
  await setUpVault(airlock, []);
  const options = await openSettingsForEdits(airlock);
  for (const entry of (await listed(options)).filter((e) => e.title.startsWith(PREFIX))) {
    expect(await sendFromExtensionPage(options, 'vault.delete', { id: entry.id })).toMatchObject({ ok: true });
  }
  const ids = (await listed(options)).map((entry) => entry.id).sort();
  await options.close();
  return ids;
}

let foundIds: string[] = [];

test.beforeAll(async ({ airlock }) => {
  foundIds = await restoreVault(airlock);
  // The settings list the first 200 entries only, in storage order: those made here must be among them.
  expect(foundIds.length, 'few enough entries for the settings to list every one').toBeLessThan(190);
});

test.afterAll(async ({ airlock }) => {
  // The shared master password opens the vault again, and the other files' entries are all there.
  expect(await restoreVault(airlock)).toEqual(foundIds);
});

test('the generator fills in a strong password, hidden until the human shows it; the entry is saved with that password', async ({ airlock }) => {
  const options = await openSettingsForEdits(airlock);
  const before = await entryCount(options);
  const form = options.getByTestId('entry-add');
  const password = form.getByLabel('Password', { exact: true });
  const show = form.getByRole('checkbox', { name: 'Show' });
  await form.getByLabel('Title').fill(`${PREFIX}generated`);
  await form.getByLabel('Site address (origin)').fill('https://generated.example');
  await form.getByLabel('Username').fill('gen-user');

  await form.getByRole('button', { name: 'Generate' }).click();
  const first = await password.inputValue();
  await form.getByRole('button', { name: 'Generate' }).click();
  const generated = await password.inputValue();
  // Twenty characters of the generator's alphabet, with at least one of each class; a new one each time.
  expect(GENERATED.test(generated), 'twenty characters from the generator alphabet').toBe(true);
  for (const [name, klass] of Object.entries({ LOWER, UPPER, DIGIT, SYMBOL })) expect(klass.test(generated), `has a ${name} character`).toBe(true);
  expect(first === generated, 'a second Generate gives another password').toBe(false);

  // Hidden: a password field (painted as dots), and the value is not in the page's text or markup, nor
  // in what the browser's accessibility tree announces. A script that reads the field sees it either way.
  await expectView(password).toHaveAttribute('type', 'password');
  await expectView(show).not.toBeChecked();
  const inClear = async () => (await exposedPasswordFields(options, [{ label: 'generated', value: generated }])).length > 0;
  const inText = async () =>
    [await options.content(), await options.locator('body').innerText(), JSON.stringify(await options.send('Accessibility.getFullAXTree'))].some((text) => text.includes(generated));
  const shownAnywhere = async () => (await inClear()) || (await inText());
  expect(await shownAnywhere(), 'the generated password is not shown while hidden').toBe(false);

  // Shown only when the human ticks Show, and hidden again when they untick it.
  await show.check();
  await expectView(password).toHaveAttribute('type', 'text');
  expect((await password.inputValue()) === generated, 'Show keeps the generated password').toBe(true);
  expect(await inClear(), 'Show puts the password on screen').toBe(true);
  await show.uncheck();
  await expectView(password).toHaveAttribute('type', 'password');
  expect(await shownAnywhere(), 'hidden again').toBe(false);

  await form.getByRole('button', { name: 'Save' }).click();
  await expectView(options.getByTestId('vault-notice')).toHaveText('Entry saved.');
  await expect.poll(() => entryCount(options)).toBe(before + 1);
  const id = await idOf(options, `${PREFIX}generated`);
  await expectView(row(options, id)).toContainText('gen-user');
  await expectView(row(options, id)).toContainText('https://generated.example');
  expect(await shownAnywhere(), 'the list does not show the password').toBe(false);

  // What was stored is exactly the generated password.
  const stored = exportedOne(await exportedEntries(options, MASTER_PASSWORD), `${PREFIX}generated`);
  expect(stored.username).toBe('gen-user');
  expect(stored.password === generated, 'the stored password is the generated one').toBe(true);
  await options.close();
});

test('an edited username and address are kept after a reload and after locking and unlocking; the password left empty stays as it was', async ({ airlock }) => {
  const options = await openSettingsForEdits(airlock);
  const title = `${PREFIX}edited`;
  await addEntry(options, { title, origin: 'https://before-edit.example', username: 'before-user', password: 'options-edit-kept-1' });
  const before = await entryCount(options);
  const id = await idOf(options, title);

  await row(options, id).getByRole('button', { name: 'Edit' }).click();
  const form = row(options, id).getByTestId('entry-edit');
  await expectView(form.getByLabel('Title')).toHaveValue(title);
  await expectView(form.getByLabel('Username')).toHaveValue('before-user');
  // Editing never shows the stored password: the field is for a new one, empty to keep it.
  await expectView(form.getByLabel('New password (leave empty to keep)')).toHaveValue('');
  await form.getByLabel('Username').fill('after-user');
  await form.getByLabel('Site address (origin)').fill('https://after-edit.example');
  await form.getByRole('button', { name: 'Save' }).click();
  await expectView(options.getByTestId('vault-notice')).toHaveText('Entry saved.');
  await expectView(form).toHaveCount(0);

  // The same entry (same id, no new one), with the new values, wherever the page reads it from.
  const looksEdited = async () => {
    await expectView(row(options, id)).toContainText('after-user');
    await expectView(row(options, id)).toContainText('https://after-edit.example');
    await expectView(row(options, id)).not.toContainText('before-user');
    await expectView(row(options, id)).not.toContainText('before-edit.example');
    expect(await entryCount(options)).toBe(before);
  };
  await looksEdited();
  await options.reload();
  await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'unlocked');
  await looksEdited();
  await lock(options);
  await unlock(options, MASTER_PASSWORD, true);
  await looksEdited();
  expect((await listed(options)).find((entry) => entry.id === id)).toMatchObject({ title, username: 'after-user', origins: ['https://after-edit.example'] });

  const stored = exportedOne(await exportedEntries(options, MASTER_PASSWORD), title);
  expect({ username: stored.username, origins: stored.origins }).toEqual({ username: 'after-user', origins: ['https://after-edit.example'] });
  expect(stored.password === 'options-edit-kept-1', 'the password is unchanged').toBe(true);
  await options.close();
});

test('deleting asks once more in the row (Keep it keeps the entry); a deleted entry is gone after a reload, and every other entry remains', async ({ airlock }) => {
  const options = await openSettingsForEdits(airlock);
  await addEntry(options, { title: `${PREFIX}deleted`, origin: 'https://deleted.example', username: 'gone', password: 'options-edit-gone-1' });
  await addEntry(options, { title: `${PREFIX}kept`, origin: 'https://kept.example', username: 'stays', password: 'options-edit-stays-1' });
  const victim = await idOf(options, `${PREFIX}deleted`);
  const kept = await idOf(options, `${PREFIX}kept`);
  const idsBefore = (await listed(options)).map((entry) => entry.id);
  const before = await entryCount(options);

  // A first click only asks; Keep it leaves everything as it was.
  await row(options, victim).getByRole('button', { name: 'Delete' }).click();
  await expectView(row(options, victim)).toContainText(`Delete “${PREFIX}deleted”? It cannot be undone.`);
  await row(options, victim).getByRole('button', { name: 'Keep it' }).click();
  await expectView(row(options, victim)).toContainText(`${PREFIX}deleted`);
  await expectView(row(options, victim).getByRole('button', { name: 'Delete' })).toBeFocused();
  // Typing in the search box while a confirmation is open closes it; the keys stay in the box.
  await row(options, victim).getByRole('button', { name: 'Delete' }).click();
  await options.getByTestId('entry-search').click();
  await options.keyboard.type('deleted ');
  await expectView(options.getByTestId('entry-search')).toHaveValue('deleted ');
  await expectView(options.getByTestId('entry-search')).toBeFocused();
  await expectView(row(options, victim).getByRole('button', { name: 'Delete for good' })).toHaveCount(0);
  expect(await entryCount(options)).toBe(before);
  await options.getByTestId('entry-search').fill('');
  expect(await entryCount(options)).toBe(before);
  // Asked again, the confirmation has the keyboard focus: Enter deletes.
  await row(options, victim).getByRole('button', { name: 'Delete' }).click();
  await expectView(row(options, victim).getByRole('button', { name: 'Delete for good' })).toBeFocused();
  await options.keyboard.press('Enter');
  await expectView(options.getByTestId('vault-notice')).toHaveText('Entry deleted.');
  await expectView(row(options, victim)).toHaveCount(0);

  await options.reload();
  await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'unlocked');
  await expectView(row(options, victim)).toHaveCount(0);
  await expectView(row(options, kept)).toContainText(`${PREFIX}kept`);
  expect(await entryCount(options)).toBe(before - 1);
  expect((await listed(options)).map((entry) => entry.id).sort()).toEqual(idsBefore.filter((id) => id !== victim).sort());
  await options.close();
});

test('changing the master password: a wrong current one is refused and changes nothing; the right one re-wraps the vault, the new password opens every entry and the old one no longer does', async ({ airlock }) => {
  test.setTimeout(180_000);
  const options = await openSettingsForEdits(airlock);
  const a = { title: `${PREFIX}rewrap A`, origin: 'https://rewrap-a.example', username: 'rewrap-a', password: 'options-edit-rewrap-a-1' };
  const b = { title: `${PREFIX}rewrap B`, origin: 'https://rewrap-b.example', username: 'rewrap-b', password: 'options-edit-rewrap-b-1' };
  await addEntry(options, a);
  await addEntry(options, b);
  const count = await entryCount(options);
  const ids = (await listed(options)).map((entry) => entry.id).sort();
  const vaultError = options.getByTestId('vault-error');
  const changesLogged = async () => (JSON.parse(await auditJson(airlock)) as { entries: Array<{ kind: string }> }).entries.filter((entry) => entry.kind === 'password-changed').length;
  const changesBefore = await changesLogged();

  // A wrong current password: said plainly, naming neither password; the form is emptied.
  const form = await changeMasterPassword(options, 'not the current master password', NEW_MASTER_PASSWORD);
  await expectView(vaultError).toHaveAttribute('data-code', 'VAULT_WRONG_PASSWORD', { timeout: 30_000 });
  await expectView(vaultError).toHaveText('Wrong master password. Nothing changed.');
  await expectView(options.getByTestId('vault-notice')).toHaveText('');
  for (const field of await form.locator('input').all()) await expectView(field).toHaveValue('');
  await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'unlocked');
  // Nothing changed: the new password does not open the vault, the old one does, on the same entries.
  await lock(options);
  await unlock(options, NEW_MASTER_PASSWORD, false);
  await unlock(options, MASTER_PASSWORD, true);
  expect(await entryCount(options)).toBe(count);

  // The right current password.
  await changeMasterPassword(options, MASTER_PASSWORD, NEW_MASTER_PASSWORD);
  await expectView(options.getByTestId('vault-notice')).toHaveText('Master password changed.', { timeout: 30_000 });
  await expectView(vaultError).toHaveCount(0);
  await lock(options);
  await unlock(options, MASTER_PASSWORD, false);
  await unlock(options, NEW_MASTER_PASSWORD, true);
  expect(await entryCount(options)).toBe(count);
  expect((await listed(options)).map((entry) => entry.id).sort()).toEqual(ids);
  await expectView(row(options, await idOf(options, a.title))).toContainText(a.username);

  // Every entry still decrypts: the export, which asks the master password again, takes only the new one.
  const exportForm = options.getByTestId('vault-export');
  await exportForm.getByLabel('Master password').fill(MASTER_PASSWORD);
  await exportForm.getByLabel('Export password').fill(EXPORT_PASSWORD);
  await exportForm.getByRole('button', { name: 'Export' }).click();
  await expectView(options.getByTestId('import-error')).toHaveAttribute('data-code', 'VAULT_WRONG_PASSWORD', { timeout: 30_000 });
  const exported = await exportedEntries(options, NEW_MASTER_PASSWORD);
  expect(exported.length).toBe(count);
  for (const entry of [a, b]) {
    const stored = exportedOne(exported, entry.title);
    expect({ username: stored.username, origins: stored.origins }).toEqual({ username: entry.username, origins: [entry.origin] });
    expect(stored.password === entry.password, `${entry.title} keeps its password`).toBe(true);
  }

  // Confirming edits follows the new password too: the old one opens no edit session.
  expect(await sendFromExtensionPage(options, 'vault.beginEdit', { proof: { kind: 'master-password', password: MASTER_PASSWORD } })).toMatchObject({
    ok: false,
    error: { code: 'VAULT_WRONG_PASSWORD' },
  });
  await confirmVaultEdit(options, NEW_MASTER_PASSWORD);

  // The audit log records the one change (not the refused attempt), and no password.
  expect(await changesLogged()).toBe(changesBefore + 1);
  const audit = await auditJson(airlock);
  for (const secret of [MASTER_PASSWORD, NEW_MASTER_PASSWORD, 'not the current master password']) expect(audit.includes(secret), 'no password in the audit log').toBe(false);

  // Back to the shared master password, the same way, for the files after this one.
  await changeMasterPassword(options, NEW_MASTER_PASSWORD, MASTER_PASSWORD);
  await expectView(options.getByTestId('vault-notice')).toHaveText('Master password changed.', { timeout: 30_000 });
  await lock(options);
  await unlock(options, MASTER_PASSWORD, true);
  expect(await entryCount(options)).toBe(count);
  await options.close();
});
