import { describeForms, formKinds } from '../airlock-view';
import type { Scene } from '../scene';

/** Account settings: the changes that must never happen without the human. */
export const accountSettings: Scene = {
  id: 'settings',
  title: 'Account settings',
  summary: 'The agent opens an account-settings page (password, e-mail, API keys, deletion); Airlock reports the forms it sees.',
  async run(ctx) {
    const page = ctx.agentPage;
    await page.goto(ctx.sites.urls.settings);
    ctx.step(`Opened ${page.url()} (Example Account, already signed in).`);

    const view = await ctx.askAirlock('state on the settings page');
    for (const line of describeForms(view)) ctx.saw(`Detected: ${line}`);
    const kinds = formKinds(view);
    if (kinds) ctx.check(kinds.includes('change-password'), `expected a change-password form, got [${kinds.join(', ')}]`);
    await page.setViewportSize({ width: 1000, height: 1100 });
    await ctx.screenshotPage(page, 'page', 'The settings page: change password, change e-mail, API keys, delete account.');
    await page.setViewportSize({ width: 1000, height: 700 });
    await ctx.screenshotPopup(page, 'popup', 'The toolbar popup on the settings page.');

    ctx.step('Submitted nothing.');
    const posts = ctx.sites.log.filter((entry) => entry.site === 'settings' && entry.method === 'POST').length;
    ctx.check(posts === 0, `the settings site should have received no change, got ${posts}`);
    ctx.notYet('Step-up approvals for settings changes (password, e-mail, API keys, deletion) are not shown: the agent submits nothing.');
  },
};
