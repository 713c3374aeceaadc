import { openSettings } from '../../../test/e2e/extension-view';
import type { Scene } from '../scene';

/** Airlock's settings, in the browser's side panel, opened as the human does from the toolbar popup. */
export const settingsPanel: Scene = {
  id: 'settings',
  title: 'Settings',
  summary: "Airlock's settings, opened from the toolbar popup's Settings button into the side panel (never a tab: an Airlock page in a tab is closed on sight).",
  async run(ctx) {
    const settings = await openSettings(ctx.browser, ctx.agentPage);
    try {
      ctx.step("Clicked Settings in the toolbar popup; the settings opened in the window's side panel.");
      const sections = await settings.evaluate<string[]>(
        `[...document.querySelectorAll('main h1, main h2')].map((h) => h.textContent.trim()).filter(Boolean)`,
      );
      ctx.saw(`Its headings: ${sections.join(' · ')}.`);
      const count = ((await settings.getByTestId('entry-count').textContent()) ?? '').trim();
      ctx.check(count === '1 entry', `the vault should list its one entry as "1 entry", not "${count}"`);
      ctx.saw(`The vault lists ${count}.`);
      await ctx.screenshotPage(settings, 'page', 'The settings in the side panel.', 'docs/screenshots/settings.png');
    } finally {
      await settings.close();
    }
  },
};
