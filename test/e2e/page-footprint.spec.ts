import { chromium } from 'playwright-core';
import { findChromium } from '../../scripts/browser-paths.mjs';
import { agentClient } from './agent-tab';
import { expect, test } from './fixtures';

/**
 * Airlock stays silent on pages that never speak its protocol: a page must not be able to tell it is
 * installed by looking at its own global scope. The same page, in a browser without Airlock, is the
 * baseline (measured in the same run).
 */
const PAGE = `<!doctype html><title>Footprint</title>
<form><label for=u>Email</label><input id=u type=email autocomplete=username>
<label for=p>Password</label><input id=p type=password autocomplete=current-password><button>Sign in</button></form>
<form><label for=c>Card number</label><input id=c autocomplete=cc-number><button>Place order</button></form>`;

const windowNames = () => Object.getOwnPropertyNames(window).sort();

test('a page finds nothing of Airlock in its global scope: it lists the same window properties as in a browser without Airlock', async ({ page, server }) => {
  const url = server.route('/footprint', PAGE);
  const plain = await chromium.launch({ executablePath: findChromium()!, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const plainPage = await plain.newPage();
    await plainPage.goto(url);
    const baseline = await plainPage.evaluate(windowNames);

    await page.goto(url);
    await page.waitForLoadState('load');
    const withAirlock = await page.evaluate(windowNames);
    // Airlock was there all along: asked afterwards, it answers the protocol in this very page.
    expect((await agentClient(page).hello()).protocol).toBe(1);
    expect(baseline.length).toBeGreaterThan(100);
    expect(withAirlock.filter((name) => !baseline.includes(name))).toEqual([]);
  } finally {
    await plain.close();
  }
});
