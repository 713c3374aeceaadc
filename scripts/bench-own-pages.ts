/**
 * How fast Airlock acts on one of its own pages opened in a tab (an agent's way in), in real Chromium
 * with the built extension (`npm run build:chrome` first):
 *   closed — the agent's `goto(chrome-extension://…/popup.html)` starts → the tab is gone;
 *   locked — the same start → the vault's "locked" record (reason own-page) in the audit log.
 * The vault is opened again before each try. Prints figures; asserts nothing.
 * Usage: tsx scripts/bench-own-pages.ts [runs]
 */
import { launchExtensionBrowser } from '../test/e2e/extension-browser';
import { setUpVault } from '../test/e2e/takeover-harness';

const runs = Number(process.argv[2] ?? 10);
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]} ms, min ${s[0]} ms, max ${s.at(-1)} ms (n=${s.length})`;
};

interface Locked {
  kind: string;
  reason?: string;
  at: number;
}

const airlock = await launchExtensionBrowser();
try {
  await setUpVault(airlock, []);
  const worker = await airlock.serviceWorker();
  // The bench reads the audit store from the worker (as a debugger could); the agent never can.
  const lockedSince = (since: number) =>
    worker.evaluate(
      (after) =>
        new Promise<number | null>((resolve) => {
          const open = indexedDB.open('airlock-vault');
          open.onsuccess = () => {
            const all = open.result.transaction('audit').objectStore('audit').getAll();
            all.onsuccess = () => {
              const hit = (all.result as Locked[]).find((e) => e.kind === 'vault-locked' && e.reason === 'own-page' && e.at >= after);
              open.result.close();
              resolve(hit ? hit.at : null);
            };
          };
        }),
      since,
    );
  const closed: number[] = [];
  const locked: number[] = [];
  for (let i = 0; i < runs; i++) {
    await setUpVault(airlock, []);
    const page = await airlock.context.newPage();
    const gone = new Promise<number>((resolve) => page.once('close', () => resolve(Date.now())));
    const start = Date.now();
    await page.goto(`chrome-extension://${airlock.extensionId}/popup.html`).catch(() => undefined);
    closed.push((await gone) - start);
    let at: number | null = null;
    for (let wait = 0; at === null && wait < 100; wait++) {
      at = await lockedSince(start);
      if (at === null) await new Promise((r) => setTimeout(r, 20));
    }
    if (at !== null) locked.push(at - start);
  }
  console.log(`goto an Airlock page → its tab closed:   ${stats(closed)}`);
  console.log(`goto an Airlock page → vault locked:     ${stats(locked)}`);
} finally {
  await airlock.close();
}
