import { decideInPopup, setUpVault } from '../../../test/e2e/takeover-harness';
import { SITE_USERS } from '../../../test/sites/start-sites';
import type { Scene } from '../scene';
import { passwordPosts } from '../site-checks';

const ENTRY_TITLE = 'Example Mail';

/**
 * Credential takeover: the human keeps the password in Airlock's vault, the agent only asks to sign in.
 * Airlock claims the password field, the human picks the entry in the toolbar popup, Airlock fills and
 * submits. The agent never reads nor types the password (the demo never reads the field after the fill).
 */
export const signInTakeover: Scene = {
  id: 'sign-in-takeover',
  title: 'Airlock signs the agent in',
  summary: "The human keeps Example Mail's password in Airlock's vault; the agent types only the e-mail address, the human approves in the toolbar popup, and Airlock fills and submits the password.",
  async run(ctx) {
    const ada = SITE_USERS.ada;
    const origin = ctx.sites.urls.signIn;
    await setUpVault(ctx.browser, [{ title: ENTRY_TITLE, origin, username: ada.username, password: ada.password }]);
    ctx.step(`(The human) Created Airlock's vault in its settings and added the entry "${ENTRY_TITLE}" for ${origin} (${ada.username}).`);

    const page = ctx.agentPage;
    await page.goto(`${origin}/login`);
    ctx.step(`Opened ${page.url()}.`);
    await ctx.agent.hello();
    ctx.step('Sent the handshake for this page.');

    const waiting = await ctx.agent.waitForLogin(['waiting'], { timeoutMs: 20_000 });
    ctx.saw(`Airlock told the agent: the ${waiting.step} step of ${waiting.origin} is "${waiting.status}" (the human is asked in the toolbar).`);

    await page.fill('#email', ada.username);
    ctx.step(`Typed only the e-mail address ${ada.username}, then waited for Airlock. Never touched the password field.`);

    const password = page.locator('#password');
    const placeholder = (await password.getAttribute('placeholder')) ?? '';
    const description = (await password.getAttribute('aria-description')) ?? '';
    ctx.check(/airlock/i.test(placeholder), `the password field should be marked as Airlock's, its placeholder is "${placeholder}"`);
    ctx.saw(`Airlock marked the password field as its own: placeholder "${placeholder}"${description ? `, accessible description "${description}"` : ''}.`);
    ctx.check((await password.inputValue()) === '', 'the password field should still be empty before the human decides');
    ctx.check(passwordPosts(ctx.sites, 'signIn') === 0, 'no password should have been submitted before the human decided');
    await ctx.screenshotPage(page, 'locked-field', 'The sign-in form while Airlock waits: the password field is marked as Airlock\'s; the agent typed only the e-mail address.');

    const before = await ctx.agent.loginEvents();
    ctx.protocol('login events before the decision', before);
    ctx.check(before.length > 0 && before.every((e) => e.origin === origin), 'the login events should name the sign-in origin');

    const prompt = await ctx.screenshotPopup(page, 'popup-prompt', 'The real toolbar popup asks the human which entry Airlock should use on this site.', {
      alsoTo: 'docs/screenshots/popup-sign-in.png',
      act: (popup) => popup.waitFor('.credential-request', 15_000),
    });
    ctx.check(prompt.includes(origin), `the popup should name ${origin}`);
    ctx.check(prompt.includes(ENTRY_TITLE), `the popup should offer the entry "${ENTRY_TITLE}"`);
    ctx.saw(`The toolbar popup shows the request for ${origin} and offers "${ENTRY_TITLE}".`);

    await Promise.all([page.waitForURL('**/account', { timeout: 30_000 }), decideInPopup(ctx.browser, page, { entryTitle: ENTRY_TITLE })]);
    ctx.step(`(The human) Clicked "${ENTRY_TITLE}" in the toolbar popup.`);
    ctx.saw('Airlock filled the password itself and submitted the form.');

    const signedIn = ((await page.textContent('#signed-in-as')) ?? '').trim();
    ctx.check(signedIn.includes(ada.name), `expected "Signed in as ${ada.name}", the page says "${signedIn}"`);
    ctx.step(`Ended on ${page.url()}: "${signedIn}".`);
    const posts = ctx.sites.log.filter((e) => e.site === 'signIn' && e.method === 'POST' && e.path === '/login');
    ctx.check(posts.length === 1 && posts[0]!.ok, `the site should have accepted exactly one sign-in, got ${posts.map((e) => e.status).join(', ') || 'none'}`);
    ctx.saw(`The site received one sign-in (fields ${posts[0]!.fields.join(', ')}; the site logs field names only) and answered ${posts[0]!.status}.`);
    await ctx.screenshotPage(page, 'signed-in', 'Signed in: the agent is on the account page without ever having handled the password.');
    ctx.saw('The form navigated away on submit, so this document\'s login events ("waiting" above) end with the old page; the account page is the outcome.');
  },
};
