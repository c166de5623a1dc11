/**
 * The HTML every party renders: one self-contained layout with inline styles, no fonts, scripts or images from
 * anywhere else, so a hermetic browser never needs another host.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A tagged template that escapes every interpolated value unless it is already {@link SafeHtml}. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((v) => (v instanceof SafeHtml ? v.value : escapeHtml(v))).join('')
      : value instanceof SafeHtml ? value.value : escapeHtml(value);
    out += rendered + strings[i + 1];
  });
  return new SafeHtml(out);
}

/** HTML that is already escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Colours and a brand name per party, so a person can tell the pages apart at a glance. */
export interface PageTheme {
  brand: string;
  accent: string;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
header{padding:12px 24px;color:#fff;font-weight:600}
main{max-width:560px;margin:32px auto;background:#fff;padding:24px 32px;border-radius:8px;box-shadow:0 1px 3px #0002}
label{display:block;margin:12px 0 4px}
input[type=text],input[type=password],input[type=email]{width:100%;padding:8px;box-sizing:border-box;font-size:1em}
button,.button{display:inline-block;margin:12px 8px 0 0;padding:8px 16px;font-size:1em;border:0;border-radius:4px;color:#fff;cursor:pointer;text-decoration:none}
.secondary{background:#6b7280!important}
.error{border-left:4px solid #b91c1c;padding:8px 12px;background:#fef2f2}
code{background:#eef;padding:1px 4px;border-radius:3px;word-break:break-all}
ul.choices{list-style:none;padding:0}ul.choices li{margin:8px 0}
`;

/** Renders a whole page in the party's theme. */
export function page(theme: PageTheme, title: string, body: SafeHtml, options: { lang?: string } = {}): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,">
<title>${escapeHtml(title)} · ${escapeHtml(theme.brand)}</title>
<style>${STYLE}header{background:${theme.accent}}button,.button{background:${theme.accent}}</style></head>
<body><header>${escapeHtml(theme.brand)}</header><main><h1>${escapeHtml(title)}</h1>
${body.value}
</main></body></html>`;
}

/** A page whose form posts itself at once (the HTTP-POST binding and logout confirmations use it). */
export function autoSubmitPage(theme: PageTheme, title: string, action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return page(theme, title, html`<form method="post" action="${action}">${inputs}<noscript><button type="submit">Continue</button></noscript></form>
<script>document.forms[0].submit()</script>`);
}
