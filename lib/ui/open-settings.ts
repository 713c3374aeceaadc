import { browser } from 'wxt/browser';

type SidePanelApi = { sidePanel?: { open(options: { windowId: number }): Promise<void> } };
type SidebarApi = { sidebarAction?: { open(): Promise<void> } };

/**
 * Opens Airlock's settings in the browser's side panel (Chromium) or sidebar (Firefox), from a click
 * in the toolbar popup (both need the human's gesture). Never in a tab: any Airlock page in a tab is
 * closed on sight, since an agent can script a tab (lib/own-pages/own-page-watch.ts).
 */
export async function openSettings(windowId: number | undefined): Promise<void> {
  const chromeApi = (globalThis as { chrome?: SidePanelApi }).chrome;
  const firefoxApi = browser as unknown as SidebarApi;
  if (chromeApi?.sidePanel && windowId !== undefined) await chromeApi.sidePanel.open({ windowId });
  else if (firefoxApi.sidebarAction) await firefoxApi.sidebarAction.open();
}
