const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

export interface PageOptions {
  /** Document title; the site name is appended. */
  title: string;
  siteName: string;
  /** Trusted HTML for the main landmark; callers escape every interpolated value. */
  body: string;
  /** Inline script placed at the end of the body. */
  script?: string;
  /** Trusted HTML added to the head, e.g. a meta tag that hands the page's script a token. */
  head?: string;
  /** BCP 47 language of the page; English unless given. */
  lang?: string;
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, sans-serif; }
  body { margin: 0; background: #f5f6f8; color: #1c1e21; }
  header { background: #1d3557; color: #fff; padding: 0.75rem 1.5rem; }
  header a { color: inherit; text-decoration: none; font-weight: 600; }
  main { max-width: 32rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px;
         box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input:not([type=checkbox]), select { display: block; width: 100%; box-sizing: border-box; margin-top: 0.25rem;
         padding: 0.5rem; font-size: 1rem; border: 1px solid #8a8d91; border-radius: 4px; }
  .checkbox { display: flex; gap: 0.5rem; align-items: center; font-weight: normal; }
  button { margin-top: 1.25rem; padding: 0.6rem 1.2rem; font-size: 1rem; border: 0; border-radius: 4px;
           background: #1d6ef2; color: #fff; cursor: pointer; }
  button.secondary { background: #e4e6eb; color: #1c1e21; }
  button.danger { background: #c62828; }
  .error { color: #b00020; font-weight: 600; }
  .hint { color: #555; font-size: 0.9rem; }
  .total { font-size: 1.25rem; font-weight: 700; }
  section + section { border-top: 1px solid #ddd; margin-top: 1.5rem; padding-top: 0.5rem; }
`;

export function renderPage(options: PageOptions): string {
  const title = `${options.title} – ${options.siteName}`;
  const script = options.script ? `\n<script>${options.script}</script>` : '';
  return `<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>${options.head ? `\n${options.head}` : ''}
</head>
<body>
<header><a href="/">${escapeHtml(options.siteName)}</a></header>
<main>
${options.body}
</main>${script}
</body>
</html>
`;
}

/** An error paragraph announced by screen readers; empty when there is no error. */
export function errorMessage(id: string, message: string | undefined): string {
  return message ? `<p id="${id}" class="error" role="alert">${escapeHtml(message)}</p>` : '';
}
