/**
 * One e-mail kind: its subject and its HTML and text bodies from typed variables
 * (docs/decisions/007). Templates live one per file in emails/ and are listed in
 * emails/registry.ts, the one list of kinds: the outbox (lib/outbox/queue.ts) queues only those.
 */
export type EmailTemplate<Vars> = {
  kind: string;
  subject: (vars: Vars) => string;
  html: (vars: Vars) => string;
  text: (vars: Vars) => string;
};

export function defineEmail<Vars>(template: EmailTemplate<Vars>): EmailTemplate<Vars> {
  return template;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The HTML frame shared by every e-mail: French, readable without images or styles. */
export function htmlFrame(title: string, bodyHtml: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #161616; max-width: 640px; margin: 0 auto; padding: 16px;">
${bodyHtml}
</body></html>`;
}

/** The school's contact block that ends the families' e-mails (R-INT-8). */
export type SchoolContact = { name: string; address: string; postalCode: string; city: string; phone: string; email: string };

export function schoolContactHtml(s: SchoolContact): string {
  return `<p style="margin-top: 24px; border-top: 1px solid #ddd; padding-top: 12px;"><strong>${escapeHtml(s.name)}</strong><br>
${escapeHtml(s.address)}<br>${escapeHtml(s.postalCode)} ${escapeHtml(s.city)}<br>
Téléphone : ${escapeHtml(s.phone)}<br>Courriel : ${escapeHtml(s.email)}</p>`;
}

export function schoolContactText(s: SchoolContact): string {
  return `--\n${s.name}\n${s.address}\n${s.postalCode} ${s.city}\nTéléphone : ${s.phone}\nCourriel : ${s.email}`;
}
