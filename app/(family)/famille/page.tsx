import type { Metadata } from "next";
import Link from "next/link";
import { GuidanceBlock, GuidanceSpan } from "@/components/family/language-block";
import { loadFamilyHomePage } from "@/lib/loaders/family-home";
import type { FamilyHomePhaseState } from "@/lib/domain/family-home";

export const metadata: Metadata = { title: "Mes enfants" };

const TONE: Record<string, string> = {
  todo: "border-warning bg-orange-50",
  done: "border-success bg-green-50",
  info: "border-france bg-france-light",
  closed: "border-gray-500 bg-gray-100",
};

/** R-OVS-5: a phase's state, as a coloured mark (the words say it too). */
const PHASE_TONE: Record<FamilyHomePhaseState, string> = {
  open: "border-success bg-green-50",
  upcoming: "border-france bg-france-light",
  closed: "border-gray-500 bg-gray-100",
  not_set: "border-gray-500 bg-gray-100",
};

export default async function FamilyHome() {
  const home = await loadFamilyHomePage();
  return (
    <>
      <h1 className="text-2xl font-bold">{home.title}</h1>
      {home.emptyMessage ? (
        <GuidanceBlock g={home.emptyMessage} className="mt-4" />
      ) : (
        <ul className="mt-6 grid gap-4 md:grid-cols-2">
          {home.children.map((c) => (
            <li key={c.id} className="rounded border border-gray-300 p-4">
              <h2 className="text-lg font-bold">{c.name}</h2>
              <p className="text-sm text-muted">{c.place}</p>
              {c.notice.kind === "state" ? (
                <p className={`mt-3 rounded border-l-4 p-2 text-sm ${TONE[c.notice.tone]}`}>{c.notice.text}</p>
              ) : (
                <GuidanceBlock g={c.notice.text} className="mt-3 rounded border-l-4 border-gray-500 bg-gray-100 p-2 text-sm font-medium" />
              )}
              {/* R-CAL-2 / R-OVS-5: each phase of the child's campaign, its dates, and whether it is open now. */}
              <div className="mt-3">
                <h3 className="font-bold">
                  <GuidanceSpan g={c.phases.heading} />
                </h3>
                {c.phases.unpublished ? (
                  <GuidanceBlock g={c.phases.unpublished} className="mt-2 text-sm" />
                ) : (
                  <ul className="mt-2 space-y-2">
                    {c.phases.entries.map((p) => (
                      <li key={p.phase} className={`rounded border-l-4 p-3 text-sm ${PHASE_TONE[p.state]}`}>
                        <p className="font-medium">{p.title}</p>
                        <p data-phase-state={p.state}>
                          <GuidanceSpan g={p.when} />
                        </p>
                        <GuidanceBlock g={p.explain} className="mt-1" />
                      </li>
                    ))}
                  </ul>
                )}
              </div>
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
      {home.help ? (
        <section aria-labelledby="academy-help-title" className="mt-8 rounded border border-gray-300 p-4">
          <h2 id="academy-help-title" className="text-lg font-bold">
            <GuidanceSpan g={home.help.heading} />
          </h2>
          <GuidanceBlock g={home.help.intro} className="mt-2" />
          {home.help.academies.map((a) => (
            <div key={a.id} className="mt-3">
              {home.help!.academies.length > 1 ? <h3 className="font-bold">{a.name}</h3> : null}
              <ul className="mt-1 list-disc space-y-1 pl-6">
                {a.links.map((l) => (
                  <li key={l.href}>
                    <a href={l.href} className="font-medium text-france underline" rel="noopener">
                      <GuidanceSpan g={l.text} />
                      {home.help!.academies.length > 1 ? <span className="sr-only"> ({a.name})</span> : null}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}
