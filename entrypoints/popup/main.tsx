import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { createTabStateModel } from '../../lib/ui/tab-state-model';
import { applyDocumentLanguage } from '../../lib/ui/document-language';

/** The tab the popup is about: `?tabId=` when opened as a page, else the active tab of its window. */
async function targetTab(): Promise<number | null> {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

void (async () => {
  applyDocumentLanguage(document);
  const tabId = await targetTab();
  const model = createTabStateModel(tabId, () => browser.permissions.request({ permissions: ['debugger'] }));
  render(<Popup model={model} />, document.getElementById('app')!);
})();
