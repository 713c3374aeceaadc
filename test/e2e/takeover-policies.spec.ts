import { test, expect } from './fixtures';
import { auditFor, decideInPopup, popupRequests, setUpVault, SIGN_IN_PAGE, siteAt, submitted } from './takeover-harness';
import { expectView, openSettings } from './extension-view';

/** "Use without asking" decisions: listed in the settings, and revoked there. */
test('revoking a "use without asking" in the settings makes the next agent sign-in ask again', async ({ airlock, server, page }) => {
  const site = siteAt(server, 'remembered.localhost');
  server.route('/login', SIGN_IN_PAGE);
  await setUpVault(airlock, [{ title: 'Remembered', origin: site, username: 'ada@remembered.test', password: 'policies-suite secret 6120' }]);

  await page.goto(`${site}/login`);
  await decideInPopup(airlock, page, { entryTitle: 'Remembered', remember: true });
  await expect.poll(() => submitted(page)).toBe(true);

  // Remembered: a fresh tab signs in without asking.
  const remembered = await airlock.context.newPage();
  await remembered.goto(`${site}/login`);
  await expect.poll(() => submitted(remembered), { timeout: 20_000 }).toBe(true);
  await remembered.close();

  // The settings list it, with the entry and the agent, and revoke it.
  const options = await openSettings(airlock);
  const policy = options.locator(`[data-testid="credential-policy"][data-origin="${site}"]`);
  await expectView(policy).toHaveCount(1);
  await expectView(policy).toContainText('Remembered (ada@remembered.test)');
  await policy.locator('[data-action="revoke-credential-policy"]').click();
  await expectView(policy).toHaveCount(0);
  await options.close();

  // The next sign-in waits for the human again.
  const again = await airlock.context.newPage();
  await again.goto(`${site}/login`);
  // Other tabs of the shared browser may list requests of their own: take this site's.
  const request = (await popupRequests(airlock, again, undefined, site)).find((r) => r.origin === site);
  expect(request!.origin).toBe(site);
  expect(await submitted(again)).toBe(false);
  expect(await again.inputValue('#p')).toBe('');
  expect((await auditFor(airlock, site)).some((e) => e.kind === 'credential-policy-revoked')).toBe(true);
  await decideInPopup(airlock, again, 'deny');
  await again.close();
});
