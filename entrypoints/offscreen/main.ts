import { browser } from 'wxt/browser';
import { serveSwapRequests } from '../../lib/background/offscreen-fetch';

// Chromium's offscreen document: sends the sign-in requests that carry a real password or code, out of
// reach of the page and of automation's network recordings (lib/background/swap-transport.ts).
serveSwapRequests(browser.runtime.connect({ name: 'airlock-offscreen' }));
