import { test, expect } from './fixtures';
import { auditFor, decideInPopup, openOptions, popupRequests, setUpVault, SIGN_IN_PAGE, siteAt, submitted } from './takeover-harness';

/** "Use without asking" decisions: listed in the options page, and revoked there. */
test('revoking a "use without asking" in the options page makes the next agent sign-in ask again', async ({ airlock, server, page }) => {
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

  // The options page lists it, with the entry and the agent, and revokes it.
  const options = await openOptions(airlock);
  const policy = options.locator(`[data-testid="credential-policy"][data-origin="${site}"]`);
  await expect(policy).toHaveCount(1);
  await expect(policy).toContainText('Remembered (ada@remembered.test)');
  await policy.locator('[data-action="revoke-credential-policy"]').click();
  await expect(policy).toHaveCount(0);
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
