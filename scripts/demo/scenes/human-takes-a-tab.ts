import { describeState } from '../airlock-view';
import type { Scene } from '../scene';

/**
 * The human switches one tab to "Me" in the toolbar popup. A second tab is used: in the agent's own
 * tab the handshake outweighs the human's "Me" (a page can only add protection).
 */
export const humanTakesATab: Scene = {
  id: 'human-tab',
  title: 'The human takes over a tab',
  summary: 'In another tab of the same automated browser, the human chooses "Me" in the toolbar popup; Airlock then reports that tab as not agent-driven.',
  async run(ctx) {
    const page = await ctx.browser.context.newPage();
    try {
      await page.setViewportSize({ width: 1000, height: 700 });
      await page.goto(ctx.sites.urls.signIn);
      ctx.step(`Opened a second tab at ${page.url()} (no handshake in this tab).`);
      const before = await ctx.askAirlock('second tab, before the human acts', page);
      ctx.saw(`Before: ${describeState(before.state)}.`);
      ctx.check(before.state.agentDriven, 'an automated tab should start agent-driven');

      const text = await ctx.screenshotPopup(page, 'popup-me', 'The human chose "Me" for this tab in the toolbar popup.', {
        alsoTo: 'docs/screenshots/popup-human.png',
        act: async (popup) => {
          await popup.click('input[name="tab"][value="human"]');
          await popup.waitFor('[data-agent-driven="false"]');
        },
      });
      ctx.step('The human opened the toolbar popup for that tab and chose "Me" under "This tab".');
      ctx.saw(`The popup now reads: "${text.split('\n')[0]?.trim() ?? ''}".`);

      const after = await ctx.askAirlock('second tab, after the human chose "Me"', page);
      ctx.saw(`After: ${describeState(after.state)}.`);
      ctx.check(!after.state.agentDriven, 'the tab should not be agent-driven after the human chose "Me"');
      ctx.check(
        after.state.signals.some((s) => s.source === 'human' && !s.agent),
        'the human\'s choice should be listed among the signals',
      );

      const agentTab = await ctx.askAirlock("the agent's tab, unchanged");
      ctx.check(agentTab.state.agentDriven, "the agent's own tab should still be agent-driven");
      ctx.saw("The agent's own tab is still agent-driven: the human's choice applies to one tab.");
      await ctx.screenshotPage(page, 'page', 'The tab the human took over.');
    } finally {
      await page.close();
    }
  },
};
