import { formatParisDateTime } from "./paris-time";

/*
 * The administrators' screens in words (R-AUTH-1: the platform is theirs): the platform home and
 * the development mailbox. Pure view-models; the loaders (lib/loaders/admin-*.ts,
 * lib/loaders/dev-mailbox.ts) fetch, these decide what is shown.
 */

const ROLE_LABELS: Record<string, string> = {
  guardian: "Représentants légaux",
  student: "Élèves",
  head: "Chefs d'établissement",
  homeroom: "Professeurs principaux",
  saio: "SAIO",
  admin: "Administrateurs",
};
const RUN_STATUS_SHORT: Record<string, string> = { running: "En cours", succeeded: "Terminé", failed: "En échec", interrupted: "Interrompu" };

export type PlatformSummary = {
  academies: { id: string; name: string; schools: number }[];
  schools: number;
  accounts: { role: string; n: number }[];
  runs: { id: number; startedAt: Date; status: string; dryRun: boolean }[];
};

/** The admin home: académies with their school counts, active accounts per role, the last transfers. */
export function platformHomeView(s: PlatformSummary) {
  return {
    academies: s.academies.map((a) => ({ id: a.id, text: `${a.name} – ${a.schools} établissement${a.schools > 1 ? "s" : ""}` })),
    schoolsTotal: `${s.schools} établissements au total.`,
    accounts: s.accounts.map((a) => ({ role: a.role, text: `${ROLE_LABELS[a.role] ?? a.role} : ${a.n}` })),
    runs: s.runs.map((r) => ({
      id: r.id,
      text: `${formatParisDateTime(r.startedAt)} – ${RUN_STATUS_SHORT[r.status] ?? r.status}${r.dryRun ? " (simulation)" : ""}`,
    })),
    noRunsMessage: s.runs.length === 0 ? "Aucun transfert n'a encore eu lieu." : null,
  };
}
export type PlatformHomeView = ReturnType<typeof platformHomeView>;

const MAIL_STATUS_LABELS: Record<string, string> = { pending: "En attente", sending: "En cours d'envoi", sent: "Envoyé", failed: "En échec" };

export type OutboxEmailRow = {
  id: number;
  kind: string;
  subject: string;
  toAddress: string;
  fromAddress: string;
  createdAt: Date;
  status: string;
  sentAt: Date | null;
  lastError: string | null;
  text: string;
  html: string;
};

/**
 * The development mailbox: in demo mode only (a 404 otherwise, `next dev` included), and to
 * administrators only (docs/production.md).
 */
export function devMailboxAvailable(e: { demoMode: boolean }): boolean {
  return e.demoMode;
}

/** The development mailbox (R-INT-8 and every other e-mail): the latest e-mails of the outbox. */
export function devMailboxView(emails: OutboxEmailRow[], kindLabels: Record<string, string>) {
  return {
    intro: `Les ${emails.length} derniers courriels de la file d'envoi (outbox), du plus récent au plus ancien. Cette page n'existe qu'en mode démonstration, pour les administrateurs.`,
    emails: emails.map((m) => ({
      id: m.id,
      kind: kindLabels[m.kind] ?? m.kind,
      subject: m.subject,
      to: m.toAddress,
      from: m.fromAddress,
      createdAt: formatParisDateTime(m.createdAt),
      status: `${MAIL_STATUS_LABELS[m.status] ?? m.status}${m.sentAt ? ` le ${formatParisDateTime(m.sentAt)}` : ""}${m.lastError ? ` – ${m.lastError}` : ""}`,
      text: m.text,
      html: m.html,
    })),
  };
}
export type DevMailboxView = ReturnType<typeof devMailboxView>;
