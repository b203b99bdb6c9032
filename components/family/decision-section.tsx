import type { DecisionStepView } from "@/lib/domain/family-page";
import { guidanceOfFrench, type Locale } from "@/lib/i18n/guidance";
import { GuidanceBlock } from "./language-block";

/**
 * Step «3 Décision» (R-FIN-8, R-FIN-9, R-FIN-11, R-FIN-12): the mandatory interview when there is
 * no agreement, the interviews held, the decision as its notice words it (reasons, appeal
 * deadline, commission, droit au maintien), the appeal, the notice's PDF and the next step
 * (affectation). Everything shown is decided by lib/domain/family-decision.ts.
 */
export function DecisionSection({ decision: d, locale = "fr" }: { decision: DecisionStepView; locale?: Locale }) {
  // R-OVS-5: the guidance messages in the family's language; the decision, its notice and its reasons stay French.
  const g = (fr: string) => guidanceOfFrench(locale, fr);
  return (
    <div className="space-y-6">
      <section aria-labelledby="decision-title">
        <h2 id="decision-title" className="text-xl font-bold">
          Décision d&apos;orientation
        </h2>
        {d.disagreement ? <GuidanceBlock g={g(d.disagreement)} className="mt-3 rounded border-l-4 border-error bg-red-50 p-3 font-medium" /> : null}
        {d.trackLabel ? (
          <p className="mt-3">
            {d.text}
            <strong> {d.trackLabel}</strong>
          </p>
        ) : (
          <GuidanceBlock g={g(d.text)} className="mt-3" />
        )}
        {d.notice?.map((s, i) => (
          <div key={s.title ?? `intro-${i}`} className="mt-4">
            {s.title ? <h3 className="text-lg font-bold">{s.title}</h3> : null}
            {s.paragraphs.map((p) => (
              <p key={p} className="mt-2 max-w-prose whitespace-pre-line">
                {p}
              </p>
            ))}
          </div>
        ))}
        {d.deadline ? <p className="mt-4 rounded border-l-4 border-france bg-france-light p-3 font-medium">{d.deadline}</p> : null}
        {d.maintien ? <p className="mt-4 rounded border-l-4 border-success bg-green-50 p-3 font-medium">{d.maintien}</p> : null}
        {d.noticeLink ? (
          <p className="mt-4">
            <a href={d.noticeLink.href} className="text-france underline" download>
              {d.noticeLink.label}
            </a>
          </p>
        ) : null}
      </section>

      {d.interviews.length > 0 || d.afterInterview.length > 0 ? (
        <section aria-labelledby="interviews-title">
          <h2 id="interviews-title" className="text-xl font-bold">
            Entretien avec le chef d&apos;établissement
          </h2>
          <ul className="mt-3 space-y-3">
            {d.interviews.map((i) => (
              <li key={i.id} className="rounded border border-gray-300 p-3">
                <p className="font-bold">{i.heading}</p>
                <p>{i.participants}</p>
                <p>{i.outcome}</p>
              </li>
            ))}
          </ul>
          {d.afterInterview.map((t) => (
            <GuidanceBlock key={t} g={g(t)} className="mt-3" />
          ))}
        </section>
      ) : null}

      {d.appeal ? (
        <section aria-labelledby="appeal-title">
          <h2 id="appeal-title" className="text-xl font-bold">
            {d.appeal.title}
          </h2>
          {d.appeal.lines.map((t) => (
            <GuidanceBlock key={t} g={g(t)} className="mt-2" />
          ))}
        </section>
      ) : null}

      {d.nextStep ? (
        <section aria-labelledby="next-step-title" className="rounded border border-gray-300 bg-gray-50 p-4">
          <h2 id="next-step-title" className="text-xl font-bold">
            {d.nextStep.title}
          </h2>
          <GuidanceBlock g={g(d.nextStep.text)} className="mt-2 max-w-prose" />
          {d.nextStep.link ? (
            <p className="mt-2">
              <a href={d.nextStep.link.href} className="text-france underline" rel="noopener noreferrer">
                {d.nextStep.link.label}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
