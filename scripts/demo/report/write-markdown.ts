import { formatSeconds, type DemoReport } from './report-model';

export function renderMarkdown(report: DemoReport): string {
  const passed = report.scenes.filter((s) => s.outcome === 'passed').length;
  const lines: string[] = [
    '# Airlock demo report',
    '',
    `Run ${new Date(report.startedAt).toISOString()} · ${report.headless ? 'headless' : 'headed'} ${report.browserVersion} · ` +
      `extension ${report.extensionId} v${report.extensionVersion} · ${formatSeconds(report.durationMs)} · ` +
      `${passed}/${report.scenes.length} scenes passed`,
    '',
    'A scripted agent (Playwright) drove the local test sites with Airlock installed. It never typed a password, ' +
      'a one-time code or card details. Protocol replies are shown as Airlock sent them.',
    '',
    '## Not yet (not built, or not shown by this demo)',
    '',
    ...report.notYet.map((item) => `- ${item}`),
    '',
  ];
  for (const scene of report.scenes) {
    lines.push(`## ${scene.title} — ${scene.outcome === 'passed' ? 'passed' : 'FAILED'} (${formatSeconds(scene.durationMs)})`, '', scene.summary, '');
    if (scene.error) lines.push(`**Failure:** \`${scene.error}\``, '');
    if (scene.steps.length) lines.push('**What the agent did**', '', ...scene.steps.map((s) => `1. ${s}`), '');
    if (scene.observations.length) lines.push('**What Airlock saw and did**', '', ...scene.observations.map((s) => `- ${s}`), '');
    if (scene.notYet.length) lines.push('**Not yet**', '', ...scene.notYet.map((s) => `- ${s}`), '');
    for (const shot of scene.screenshots) lines.push(`![${shot.caption}](${shot.file})`, `*${shot.caption}*`, '');
    for (const entry of scene.protocol) {
      lines.push(`<details><summary>Protocol: ${entry.label}${entry.ms === undefined ? '' : ` (${entry.ms} ms)`}</summary>`, '', '```json', JSON.stringify(entry.reply, null, 2), '```', '', '</details>', '');
    }
  }
  lines.push('## Sites', '', ...Object.entries(report.siteUrls).map(([name, url]) => `- ${name}: ${url}`), '');
  if (report.extraFiles.length) lines.push('## Also written', '', ...report.extraFiles.map((f) => `- ${f}`), '');
  return lines.join('\n');
}
