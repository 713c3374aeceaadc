import type { SceneRecord } from '../scene';

/** Everything the report shows; written as HTML and Markdown from the same data. */
export interface DemoReport {
  startedAt: number;
  durationMs: number;
  headless: boolean;
  browserVersion: string;
  extensionId: string;
  extensionVersion: string;
  siteUrls: Record<string, string>;
  scenes: SceneRecord[];
  /** What Airlock cannot do yet, across all scenes (deduplicated). */
  notYet: string[];
  /** Files outside the report directory the demo also wrote. */
  extraFiles: string[];
}

export function collectNotYet(scenes: readonly SceneRecord[]): string[] {
  return [...new Set(scenes.flatMap((scene) => scene.notYet))];
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
