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
