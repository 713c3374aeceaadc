import { describe, expect, it } from 'vitest';
import { isHeadless } from '../../../lib/content/report-signals';

const HEADED = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const HEADLESS = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
const navigatorWith = (userAgent: string, brands: string[] = []) => ({ userAgent, userAgentData: { brands: brands.map((brand) => ({ brand })) } }) as unknown as Navigator;

describe('isHeadless', () => {
  it('sees Chromium headless by its user agent or its brands', () => {
    expect(isHeadless(navigatorWith(HEADLESS))).toBe(true);
    expect(isHeadless(navigatorWith(HEADED, ['HeadlessChrome', 'Chromium']))).toBe(true);
  });

  it('does not flag a headed browser, nor a page title that merely mentions it', () => {
    expect(isHeadless(navigatorWith(HEADED, ['Not:A-Brand', 'Chromium']))).toBe(false);
    expect(isHeadless(navigatorWith(`${HEADED} MyHeadlessChromeApp`))).toBe(false);
  });
});
