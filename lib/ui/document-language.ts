import { browser } from 'wxt/browser';
import type { MessageKey } from '../i18n';

/** Sets <html lang> and the title from the browser's UI language, so screen readers pronounce it right. */
export function applyDocumentLanguage(doc: Document, titleKey: MessageKey = 'popupTitle'): void {
  doc.documentElement.lang = browser.i18n.getUILanguage();
  doc.title = browser.i18n.getMessage(titleKey) || doc.title;
}
