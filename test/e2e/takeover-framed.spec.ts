import { test, expect } from './fixtures';
import { auditFor, decideInPopup, popupRequests, setUpVault, SIGN_IN_PAGE, siteAt, submitted } from './takeover-harness';

/**
 * Login CSRF (T2): a hostile site embeds the real sign-in page in an iframe, hoping a remembered
 * "use without asking" decision signs the human in inside its frame. Hosts under `.localhost`
 * resolve to loopback in Chromium, so one local server plays both sites.
 */
const SECRET = 'framed-suite secret 5527';

test('a remembered decision does not sign the human in inside another site\'s frame; at the top level it still does', async ({ airlock, server, page }) => {
  const site = siteAt(server, 'framed.localhost');
  const evil = siteAt(server, 'evil.localhost');
  server.route('/login', SIGN_IN_PAGE);
  server.route('/embed', `<!doctype html><title>Free prizes</title><h1>Free prizes</h1><iframe id=victim src="${site}/login" width=500 height=320></iframe>`);
  await setUpVault(airlock, [{ title: 'Framed', origin: site, username: 'ada@framed.test', password: SECRET }]);

  // The human signs in once at the top level and chooses "use without asking".
  await page.goto(`${site}/login`);
  await decideInPopup(airlock, page, { entryTitle: 'Framed', remember: true });
  await expect.poll(() => submitted(page)).toBe(true);
  const fillsBefore = (await auditFor(airlock, site)).filter((e) => e.kind === 'fill').length;

  // The hostile page frames the sign-in page, in a tab of its own (no carried decision).
  const hostile = await airlock.context.newPage();
  await hostile.goto(`${evil}/embed`);
  // Other tabs of the shared browser may list requests of their own: take this site's.
  const request = (await popupRequests(airlock, hostile, undefined, site)).find((r) => r.origin === site);
  expect(request!.origin).toBe(site);
  expect(request!.text).toContain('evil.localhost');
  const frame = hostile.frames().find((f) => f.url().startsWith(site))!;
  expect(await frame.inputValue('#p')).toBe('');
  expect(await submitted(frame)).toBe(false);
  const audit = await auditFor(airlock, site);
  expect(audit.filter((e) => e.kind === 'fill')).toHaveLength(fillsBefore);
  expect(audit.find((e) => e.reason === 'CREDENTIAL_FRAMED_ELSEWHERE')).toMatchObject({ kind: 'refusal', details: { topOrigin: evil, skipped: 'policy' } });
  // The human says no, as they should; nothing reaches the frame.
  await decideInPopup(airlock, hostile, 'deny');
  expect(await frame.inputValue('#p')).toBe('');
  await hostile.close();

  // The same sign-in at the top level of a fresh tab goes through without asking.
  const again = await airlock.context.newPage();
  await again.goto(`${site}/login`);
  await expect.poll(() => submitted(again), { timeout: 20_000 }).toBe(true);
  expect((await auditFor(airlock, site)).filter((e) => e.kind === 'approval' && e.reason === 'policy').length).toBeGreaterThan(0);
  await again.close();
});
