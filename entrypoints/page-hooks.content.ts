import { installPageHooks } from '../lib/content/guard/page-hooks';

// MAIN world, before any page script: wraps the two page calls that bypass the isolated guard's DOM
// listeners. It reports and waits; the isolated content script decides (lib/content/guard/page-hooks.ts).
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  world: 'MAIN',
  // No global: a named bundle would leave `window.pageHooks` for every page to find.
  globalName: false,
  main() {
    installPageHooks(window);
  },
});
