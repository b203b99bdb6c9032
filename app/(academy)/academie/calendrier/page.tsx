import type { Metadata } from "next";
import Link from "next/link";
import { CalendarForm } from "@/components/academy/calendar-form";
import { loadAcademyCalendarPage } from "@/lib/loaders/academy-calendar";

export const metadata: Metadata = { title: "Calendrier de la campagne" };

export default async function CampaignCalendarPage({ searchParams }: { searchParams: Promise<{ annee?: string }> }) {
  const { annee } = await searchParams;
  const page = await loadAcademyCalendarPage(annee);
  return (
    <>
      <h1 className="text-2xl font-bold">{page.title}</h1>
      <p className="mt-2 max-w-prose">
        Le service en ligne Orientation s&apos;ouvre et se ferme de lui-même aux dates fixées ici, pour chaque palier et chaque phase. Les dates et heures sont
        celles de Paris. La phase définitive s&apos;ouvre après la fermeture de la phase provisoire.
      </p>
      <nav aria-label="Année scolaire" className="mt-4">
        <ul className="flex flex-wrap gap-4">
          {page.years.map((y) => (
            <li key={y.year}>
              <Link href={y.href} aria-current={y.current ? "page" : undefined} className={`underline ${y.current ? "font-bold" : "text-france"}`}>
                {y.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-6 space-y-6">
        {page.levels.map((l) => (
          <CalendarForm key={`${page.schoolYear}-${l.level}`} level={l.level} levelLabel={l.label} schoolYear={page.schoolYear} values={l.values} />
        ))}
      </div>
    </>
  );
}
