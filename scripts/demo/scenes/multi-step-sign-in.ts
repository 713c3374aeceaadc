import { decideInPopup } from '../../../test/e2e/takeover-harness';
import { SITE_USERS } from '../../../test/sites/start-sites';
import { describeForms, formKinds } from '../airlock-view';
import type { Scene } from '../scene';
import { passwordPosts } from '../site-checks';

/** Username first, password on a second document: Airlock must recognise the second step on its own. */
export const multiStepSignIn: Scene = {
  id: 'multi-step',
  title: 'Multi-step sign-in',
  summary: 'The agent enters the account name on step 1; Airlock recognises the password step on the next page.',
  async run(ctx) {
    const page = ctx.agentPage;
    await page.goto(ctx.sites.urls.multiStep);
    ctx.step(`Opened ${page.url()} (Example Cloud, username first).`);
    const first = await ctx.askAirlock('state on step 1 (identifier)');
    for (const line of describeForms(first)) ctx.saw(`Step 1: ${line}`);
    await ctx.screenshotPage(page, 'step-1', 'Step 1: the account name.');

    // The account name is not a secret: agents may type it.
    await page.fill('#username', SITE_USERS.ada.username);
    await Promise.all([page.waitForURL('**/password'), page.click('#next')]);
    ctx.step(`Typed the account name ${SITE_USERS.ada.username} and pressed Next.`);

    const second = await ctx.askAirlock('state on step 2 (password)');
    for (const line of describeForms(second)) ctx.saw(`Step 2: ${line}`);
    const kinds = formKinds(second);
    if (kinds) ctx.check(kinds.includes('login'), `expected the password step to be a login form, got [${kinds.join(', ')}]`);
    ctx.check(second.state.agentDriven, 'the tab should still be agent-driven on the second document');
    ctx.saw('The handshake belongs to the tab: the new document is still agent-driven without a new hello.');
    await ctx.screenshotPage(page, 'step-2', 'Step 2: the password page. The agent stops here.');
    let asked = false;
    await ctx.screenshotPopup(page, 'popup', 'The toolbar popup on the password step.', {
      act: async (popup) => void (asked = await popup.evaluate<boolean>('!!document.querySelector(".credential-request")')),
    });

    ctx.step('Stopped at the password field without typing into it.');
    if (asked) {
      // The vault (set up in an earlier scene) has no entry for this site: the human turns the request down.
      await decideInPopup(ctx.browser, page, 'deny');
      ctx.saw('Airlock asked the human in the toolbar popup for this sign-in; the vault has no entry for this site, so the human pressed Deny.');
    }
    ctx.check(passwordPosts(ctx.sites, 'multiStep') === 0, 'no password should have been submitted');
    ctx.notYet('Credential takeover on step 2 is not shown: the demo\'s vault holds no entry for this site (takeover is shown on Example Mail in "Airlock signs the agent in").');
  },
};
