import type { Metadata } from "next";
import Link from "next/link";
import { CampaignCalendar } from "@/components/ui/campaign-calendar";
import { loadFamilyHomePage } from "@/lib/loaders/family-home";

export const metadata: Metadata = { title: "Mes enfants" };

const TONE: Record<string, string> = {
  todo: "border-warning bg-orange-50",
  done: "border-success bg-green-50",
  info: "border-france bg-france-light",
  closed: "border-gray-500 bg-gray-100",
};

export default async function FamilyHome() {
  const home = await loadFamilyHomePage();
  return (
    <>
      <h1 className="text-2xl font-bold">{home.title}</h1>
      {home.emptyMessage ? (
        <p className="mt-4">{home.emptyMessage}</p>
      ) : (
        <ul className="mt-6 grid gap-4 md:grid-cols-2">
          {home.children.map((c) => (
            <li key={c.id} className="rounded border border-gray-300 p-4">
              <h2 className="text-lg font-bold">{c.name}</h2>
              <p className="text-sm text-muted">{c.place}</p>
              {c.notice.kind === "state" ? (
                <p className={`mt-3 rounded border-l-4 p-2 text-sm ${TONE[c.notice.tone]}`}>{c.notice.text}</p>
              ) : (
                <div className="mt-3 space-y-3">
                  <p className="rounded border-l-4 border-gray-500 bg-gray-100 p-2 text-sm font-medium">{c.notice.text}</p>
                  <CampaignCalendar calendar={c.notice.calendar} />
                </div>
              )}
              <p className="mt-3">
                <Link href={c.link.href} className="font-medium text-france underline">
                  {c.link.text}
                  <span className="sr-only">{c.link.srSuffix}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
