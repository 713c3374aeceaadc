import { browser } from 'wxt/browser';

/** Whether the browser still lists the tab (a closed tab's id rejects). */
export const tabExists = (tabId: number): Promise<boolean> =>
  browser.tabs.get(tabId).then(
    () => true,
    () => false,
  );
