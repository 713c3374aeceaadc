import type { Scene } from '../scene';

/** Airlock's options page, as the human opens it. */
export const optionsPage: Scene = {
  id: 'options',
  title: 'Options page',
  summary: "Airlock's options page, opened as the human would from the extension menu.",
  async run(ctx) {
    const page = await ctx.browser.context.newPage();
    try {
      await page.setViewportSize({ width: 900, height: 600 });
      await page.goto(`chrome-extension://${ctx.browser.extensionId}/options.html`);
      await page.waitForSelector('main h1');
      ctx.step('Opened the options page in a tab.');
      const sections = (await page.locator('main h1, main h2').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
      ctx.saw(`Its headings: ${sections.join(' · ')}.`);
      const count = (await page.getByTestId('entry-count').textContent({ timeout: 10_000 }))?.trim() ?? '';
      ctx.check(count === '1 entry', `the vault should list its one entry as "1 entry", not "${count}"`);
      ctx.saw(`The vault lists ${count}.`);
      await page.screenshot({ path: 'docs/screenshots/options.png' });
      await ctx.screenshotPage(page, 'page', 'The options page (900 × 600).');
    } finally {
      await page.close();
    }
  },
};
