import { browser } from 'wxt/browser';

/** Keys of public/_locales/en/messages.json (typed by WXT from the catalogue). */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/**
 * Every string a person reads comes from the browser's catalogue (public/_locales). A missing key
 * shows as the key itself, which a test catches, rather than as an empty string.
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/**
 * `t` for a sentence about `count` things: the catalogue's browser format has no plurals, so a key may
 * have a `<key>_one` form, used where the interface language's plural rule says "one" (English 1,
 * French 0 and 1; Japanese never). The count is the first substitution.
 */
export function tCount(key: MessageKey, count: number, more: string[] = []): string {
  const rule = new Intl.PluralRules(browser.i18n.getUILanguage()).select(count);
  const singular = rule === 'one' ? browser.i18n.getMessage(`${key}_one` as MessageKey, [String(count), ...more]) : '';
  return singular || t(key, [String(count), ...more]);
}
