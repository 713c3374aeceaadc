/**
 * `npx tsx scripts/bench-vault.ts [--json]`: vault figures.
 *  - unlock: PBKDF2-SHA-256 at the production iteration count plus unwrapping the vault key
 *    (median of several runs);
 *  - findByOrigin among 10,000 entries (index lookup, then decrypting the matches' profiles) against
 *    a linear scan over every record with `matchOrigin`, measured in the same run, and their ratio.
 * IndexedDB is fake-indexeddb here (Node); WebCrypto is Node's.
 */
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import { matchOrigin } from '../lib/vault/origin-match';
import { Vault } from '../lib/vault/vault';
import { DEFAULT_PBKDF2_ITERATIONS } from '../lib/vault/vault-crypto';
import { openVaultDb } from '../lib/vault/vault-store';
import { median } from './bench/median';

export interface VaultBenchResult {
  iterations: number;
  unlockRuns: number;
  unlockMedianMs: number;
  entries: number;
  lookups: number;
  findByOriginMedianMs: number;
  linearScanMedianMs: number;
  speedup: number;
}

const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export async function runVaultBench(options: { entries?: number; unlockRuns?: number; lookups?: number } = {}): Promise<VaultBenchResult> {
  const entryCount = options.entries ?? 10_000;
  const unlockRuns = options.unlockRuns ?? 5;
  const lookups = options.lookups ?? 50;
  const db = await openVaultDb(`airlock-vault-bench-${process.pid}-${Date.now()}`);
  const vault = new Vault(db, { idleLockMs: 0 });
  const password = 'bench master password';
  await vault.create(password);

  const unlockTimes: number[] = [];
  for (let run = 0; run < unlockRuns; run++) {
    await vault.lock();
    unlockTimes.push(await timed(() => vault.unlock(password)));
  }

  // One in ten entries matches by site, as a human might choose for a few services.
  await vault.importEntries(
    Array.from({ length: entryCount }, (_, i) => ({
      origins: [`https://login.site${i}.example`],
      matchMode: i % 10 === 0 ? ('site' as const) : ('exact' as const),
      username: `user${i}`,
      password: `password-${i}`,
    })),
  );

  const targets = Array.from({ length: lookups }, (_, i) => {
    const n = Math.floor(((i + 0.5) / lookups) * entryCount);
    return n % 10 === 0 ? `https://www.site${n}.example` : `https://login.site${n}.example`;
  });

  const indexed: number[] = [];
  for (const origin of targets) {
    let found = 0;
    indexed.push(await timed(async () => (found = (await vault.findByOrigin(origin)).entries.length)));
    if (found !== 1) throw new Error(`findByOrigin found ${found} entries for ${origin}`);
  }

  // Baseline: what a vault without the origin index would do, reading every record per lookup.
  const scans: number[] = [];
  for (const origin of targets.slice(0, Math.min(lookups, 20))) {
    let found = 0;
    scans.push(
      await timed(async () => {
        const records = await db.getAll('entries');
        found = records.filter((record) => record.origins.some((stored) => matchOrigin(stored, origin, record.matchMode).ok)).length;
      }),
    );
    if (found !== 1) throw new Error(`linear scan found ${found} entries for ${origin}`);
  }
  await vault.close();

  const findByOriginMedianMs = median(indexed);
  const linearScanMedianMs = median(scans);
  return {
    iterations: DEFAULT_PBKDF2_ITERATIONS,
    unlockRuns,
    unlockMedianMs: round(median(unlockTimes), 1),
    entries: entryCount,
    lookups,
    findByOriginMedianMs: round(findByOriginMedianMs),
    linearScanMedianMs: round(linearScanMedianMs),
    speedup: round(linearScanMedianMs / findByOriginMedianMs, 1),
  };
}

async function main(): Promise<void> {
  const result = await runVaultBench();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(`Vault unlock (PBKDF2-SHA-256, ${result.iterations.toLocaleString('en')} iterations): median ${result.unlockMedianMs} ms over ${result.unlockRuns} runs`);
  console.log(`findByOrigin among ${result.entries.toLocaleString('en')} entries: median ${result.findByOriginMedianMs} ms (${result.lookups} lookups)`);
  console.log(`Linear scan baseline, same run:     median ${result.linearScanMedianMs} ms`);
  console.log(`Index speed-up: ${result.speedup}x`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
