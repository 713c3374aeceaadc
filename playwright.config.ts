import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  // One browser per worker and two cores on CI machines: run files one after another.
  workers: 1,
  fullyParallel: false,
  // On CI, a failed test runs once more in a fresh browser and is reported as flaky (the list shows
  // it); a test that fails twice fails the run. Locally, a failure is a failure.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
});
