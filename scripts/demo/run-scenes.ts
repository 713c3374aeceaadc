import type { Scene, SceneRecord } from './scene';
import { createSceneContext, type Stage } from './scene-context';

/**
 * Runs the scenes in order, each isolated: a failing scene is recorded with its error and the next
 * one still runs, so one broken capability does not hide what the others show.
 */
export async function runScenes(stage: Stage, scenes: readonly Scene[], log: (line: string) => void): Promise<SceneRecord[]> {
  const records: SceneRecord[] = [];
  for (const scene of scenes) {
    const record: SceneRecord = {
      id: scene.id,
      title: scene.title,
      summary: scene.summary,
      outcome: 'passed',
      startedAt: Date.now(),
      durationMs: 0,
      steps: [],
      observations: [],
      notYet: [],
      protocol: [],
      screenshots: [],
    };
    const started = performance.now();
    try {
      await scene.run(createSceneContext(stage, scene, record));
    } catch (error) {
      record.outcome = 'failed';
      record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    record.durationMs = Math.round(performance.now() - started);
    records.push(record);
    log(`${record.outcome === 'passed' ? '✔' : '✘'} ${scene.title} (${(record.durationMs / 1000).toFixed(1)} s)${record.error ? `\n    ${record.error}` : ''}`);
  }
  return records;
}
