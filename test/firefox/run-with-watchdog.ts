/**
 * Runs a Firefox script's `main` and sets the exit code; a watchdog gives up (and lets the caller kill
 * Firefox) if a step hangs past every other timeout.
 */
export function runWithWatchdog(
  name: string,
  main: () => Promise<number>,
  options: { timeoutMs: number; failureCode(): number; onGiveUp(): void; onError?(error: unknown): void },
): void {
  const watchdog = setTimeout(() => {
    console.error(`${name}: gave up after ${options.timeoutMs / 1000} s`);
    options.onGiveUp();
    process.exit(options.failureCode());
  }, options.timeoutMs);
  main().then(
    (code) => {
      clearTimeout(watchdog);
      process.exitCode = code;
    },
    (error: unknown) => {
      clearTimeout(watchdog);
      if (options.onError) options.onError(error);
      else console.error(`${name}:`, error);
      process.exitCode = options.failureCode();
    },
  );
}
