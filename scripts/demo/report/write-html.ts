import { formatSeconds, type DemoReport } from './report-model';
import type { SceneRecord } from '../scene';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 24px; color: #1b1f24; }
header p { color: #57606a; }
h2 { border-top: 1px solid #d0d7de; padding-top: 16px; margin-top: 32px; }
.badge { font-size: 13px; padding: 2px 8px; border-radius: 10px; vertical-align: middle; margin-left: 8px; }
.passed { background: #dafbe1; color: #116329; } .failed { background: #ffebe9; color: #a40e26; }
.error { background: #ffebe9; padding: 8px 12px; border-radius: 6px; white-space: pre-wrap; }
.notyet { background: #fff8c5; padding: 8px 12px 8px 28px; border-radius: 6px; }
.shots { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
figure { margin: 0; max-width: 520px; } figure img { max-width: 100%; border: 1px solid #d0d7de; border-radius: 6px; }
figcaption { font-size: 13px; color: #57606a; }
pre { background: #f6f8fa; padding: 12px; overflow: auto; font-size: 12px; border-radius: 6px; }
summary { cursor: pointer; }
`;

function list(tag: 'ol' | 'ul', items: readonly string[], cls = ''): string {
  return items.length ? `<${tag}${cls ? ` class="${cls}"` : ''}>${items.map((i) => `<li>${escape(i)}</li>`).join('')}</${tag}>` : '';
}

function sceneSection(scene: SceneRecord): string {
  const shots = scene.screenshots
    .map((s) => `<figure><a href="${escape(s.file)}"><img src="${escape(s.file)}" alt="${escape(s.caption)}"></a><figcaption>${escape(s.caption)}</figcaption></figure>`)
    .join('');
  const protocol = scene.protocol
    .map((p) => `<details><summary>Protocol: ${escape(p.label)}${p.ms === undefined ? '' : ` (${p.ms} ms)`}</summary><pre>${escape(JSON.stringify(p.reply, null, 2))}</pre></details>`)
    .join('');
  return `<section id="${escape(scene.id)}">
<h2>${escape(scene.title)}<span class="badge ${scene.outcome}">${scene.outcome} · ${formatSeconds(scene.durationMs)}</span></h2>
<p>${escape(scene.summary)}</p>
${scene.error ? `<p class="error">${escape(scene.error)}</p>` : ''}
${scene.steps.length ? `<h3>What the agent did</h3>${list('ol', scene.steps)}` : ''}
${scene.observations.length ? `<h3>What Airlock saw and did</h3>${list('ul', scene.observations)}` : ''}
${scene.notYet.length ? `<h3>Not yet</h3>${list('ul', scene.notYet, 'notyet')}` : ''}
${shots ? `<div class="shots">${shots}</div>` : ''}
${protocol ? `<h3>Protocol replies</h3>${protocol}` : ''}
</section>`;
}

/** A self-contained page: inline style, no scripts, screenshots as files beside it. */
export function renderHtml(report: DemoReport): string {
  const passed = report.scenes.filter((s) => s.outcome === 'passed').length;
  const toc = report.scenes.map((s) => `<li><a href="#${escape(s.id)}">${escape(s.title)}</a> — ${s.outcome}</li>`).join('');
  const sites = Object.entries(report.siteUrls).map(([name, url]) => `${name}: ${url}`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Airlock demo report</title><style>${STYLE}</style></head>
<body>
<header>
<h1>Airlock demo report</h1>
<p>${escape(new Date(report.startedAt).toISOString())} · ${report.headless ? 'headless' : 'headed'} ${escape(report.browserVersion)} ·
extension ${escape(report.extensionId)} v${escape(report.extensionVersion)} · ${formatSeconds(report.durationMs)} ·
<strong>${passed}/${report.scenes.length} scenes passed</strong></p>
<p>A scripted agent (Playwright) drove the local test sites with Airlock installed. It never typed a password, a
one-time code or card details. Protocol replies are shown as Airlock sent them.</p>
</header>
<nav><ol>${toc}</ol></nav>
<h2>Not yet (not built, or not shown by this demo)</h2>
${list('ul', report.notYet, 'notyet')}
${report.scenes.map(sceneSection).join('\n')}
<h2>Sites</h2>
${list('ul', sites)}
${report.extraFiles.length ? `<h2>Also written</h2>${list('ul', report.extraFiles)}` : ''}
</body>
</html>
`;
}
