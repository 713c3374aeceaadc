import { test, expect } from '@playwright/test';
import { launchExtensionBrowser } from './extension-browser';
import { startStaticServer } from './static-server';
import { openPopup } from './extension-view';

const CASES = [
  { language: 'fr', status: 'Un agent pilote cet onglet', reason: 'Le navigateur est automatisé (navigator.webdriver)' },
  { language: 'ja', status: 'エージェントがこのタブを操作しています', reason: 'ブラウザーが自動操作されています（navigator.webdriver）' },
];

for (const { language, status, reason } of CASES) {
  test(`the toolbar popup follows the browser's language: ${language}`, async () => {
    const browser = await launchExtensionBrowser({ uiLanguage: language });
    const server = await startStaticServer();
    try {
      const page = await browser.context.newPage();
      await page.goto(server.route('/', '<!doctype html><title>Page</title><p>Page</p>'));
      const popup = await openPopup(browser, page);
      const text = await popup.text();
      expect(text).toContain(status);
      expect(text).toContain(reason);
      expect(text).not.toContain('An agent is driving this tab');
      expect(await popup.evaluate<string>('document.documentElement.lang')).toMatch(new RegExp(`^${language}`));
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
