import type { Metadata } from "next";
import Link from "next/link";
import { CampaignCalendar } from "@/components/ui/campaign-calendar";
import { requireRole } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { CAMPAIGN_CLOSED_MESSAGE } from "@/lib/domain/calendar";
import { loadFamilyHome } from "@/lib/services/family-home";

export const metadata: Metadata = { title: "Mes enfants" };

const TONE: Record<string, string> = {
  todo: "border-warning bg-orange-50",
  done: "border-success bg-green-50",
  info: "border-france bg-france-light",
  closed: "border-gray-500 bg-gray-100",
};

export default async function FamilyHome() {
  const { actor } = await requireRole("guardian");
  const children = await loadFamilyHome(await getDb(), { guardianId: actor.guardianId! }, now());
  return (
    <>
      <h1 className="text-2xl font-bold">Orientation de mes enfants</h1>
      {children.length === 0 ? (
        <p className="mt-4">Aucun élève n&apos;est rattaché à votre compte. Contactez l&apos;établissement de votre enfant.</p>
      ) : (
        <ul className="mt-6 grid gap-4 md:grid-cols-2">
          {children.map((c) => (
            <li key={c.id} className="rounded border border-gray-300 p-4">
              <h2 className="text-lg font-bold">
                {c.firstName} {c.lastName}
              </h2>
              <p className="text-sm text-muted">
                {c.divisionCode} – {c.schoolName}
              </p>
              {c.campaignOpen ? (
                <p className={`mt-3 rounded border-l-4 p-2 text-sm ${TONE[c.state.tone]}`}>{c.state.label}</p>
              ) : (
                <div className="mt-3 space-y-3">
                  <p className="rounded border-l-4 border-gray-500 bg-gray-100 p-2 text-sm font-medium">{CAMPAIGN_CLOSED_MESSAGE}</p>
                  <CampaignCalendar entries={c.calendar} />
                </div>
              )}
              <p className="mt-3">
                <Link href={`/famille/eleves/${c.id}`} className="font-medium text-france underline">
                  Voir la procédure d&apos;orientation<span className="sr-only"> de {c.firstName} {c.lastName}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
