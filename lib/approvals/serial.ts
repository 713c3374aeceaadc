/**
 * Runs async read-modify-write steps one after another. Two messages handled at once by the service
 * worker must not both see an approval as pending and both act on it (approve twice, replay twice).
 */
export function createSerial(): <T>(step: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(step: () => Promise<T>): Promise<T> => {
    const run = tail.then(step, step);
    tail = run.catch(() => undefined);
    return run;
  };
}
