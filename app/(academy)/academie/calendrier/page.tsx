import type { Metadata } from "next";
import Link from "next/link";
import { CalendarForm, type CalendarFormValues } from "@/components/academy/calendar-form";
import { authorize } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findAcademyCampaignWindows } from "@/lib/db/repositories/academy-calendar";
import { schoolYearOf } from "@/lib/domain/calendar";
import { toParisInputValue } from "@/lib/domain/paris-time";
import { LEVEL_LABELS, type Level } from "@/lib/domain/tracks";

export const metadata: Metadata = { title: "Calendrier de la campagne" };

const LEVELS: Level[] = ["3e", "2GT"];

/** The current school year and the next one, so the saio can prepare the next campaign in advance. */
function selectableYears(current: string): [string, string] {
  const start = Number(current.slice(0, 4));
  return [current, `${start + 1}-${start + 2}`];
}

export default async function CampaignCalendarPage({ searchParams }: { searchParams: Promise<{ annee?: string }> }) {
  const { actor } = await requireRole("saio");
  authorize(actor, "manage:academy", { type: "academy", academyId: actor.academyId! });
  const years = selectableYears(schoolYearOf(now()));
  const { annee } = await searchParams;
  const schoolYear = annee && years.includes(annee) ? annee : years[0];
  const windows = await findAcademyCampaignWindows(await getDb(), actor.academyId!, schoolYear);
  const valuesOf = (level: Level): CalendarFormValues => {
    const w = (phase: "provisional" | "final") => windows.find((x) => x.level === level && x.phase === phase);
    const v = (d: Date | undefined) => (d ? toParisInputValue(d) : "");
    return {
      provisionalOpensAt: v(w("provisional")?.opensAt), provisionalClosesAt: v(w("provisional")?.closesAt),
      finalOpensAt: v(w("final")?.opensAt), finalClosesAt: v(w("final")?.closesAt),
    };
  };
  return (
    <>
      <h1 className="text-2xl font-bold">Calendrier de la campagne {schoolYear}</h1>
      <p className="mt-2 max-w-prose">
        Le service en ligne Orientation s&apos;ouvre et se ferme de lui-même aux dates fixées ici, pour chaque palier et chaque phase.
        Les dates et heures sont celles de Paris. La phase définitive s&apos;ouvre après la fermeture de la phase provisoire.
      </p>
      <nav aria-label="Année scolaire" className="mt-4">
        <ul className="flex flex-wrap gap-4">
          {years.map((y) => (
            <li key={y}>
              <Link
                href={`/academie/calendrier?annee=${y}`}
                aria-current={y === schoolYear ? "page" : undefined}
                className={`underline ${y === schoolYear ? "font-bold" : "text-france"}`}
              >
                Année scolaire {y}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-6 space-y-6">
        {LEVELS.map((level) => (
          <CalendarForm
            key={`${schoolYear}-${level}`}
            level={level}
            levelLabel={level === "3e" ? "Palier 3e" : `Palier ${LEVEL_LABELS[level]}`}
            schoolYear={schoolYear}
            values={valuesOf(level)}
          />
        ))}
      </div>
    </>
  );
}
