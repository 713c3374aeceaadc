import { browser } from 'wxt/browser';

/** "1000.00" + "EUR" → "€1,000.00" in the browser's language; the raw figures when the currency is unknown. */
export function formatMoney(amount: string, currency: string | null): string {
  if (!currency) return amount;
  try {
    return new Intl.NumberFormat(browser.i18n.getUILanguage(), { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString(browser.i18n.getUILanguage());
}
