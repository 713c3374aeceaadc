import { browser } from 'wxt/browser';
import type { MessageKey } from '../i18n';

/** Sets <html lang> and the title in the language of Airlock's strings, so screen readers pronounce it right. */
export function applyDocumentLanguage(doc: Document, titleKey: MessageKey = 'popupTitle'): void {
  // The language of the catalogue the strings were taken from: it can differ from the browser's UI
  // language (no catalogue for it) and from `@@ui_locale` (which page-level locale emulation changes).
  doc.documentElement.lang = browser.i18n.getMessage('langTag') || 'en';
  doc.title = browser.i18n.getMessage(titleKey) || doc.title;
}
