import { guidance, LOCALE_META, type GuidanceText } from "@/lib/i18n/guidance";

/*
 * R-OVS-5: a guidance text in the family's language. French: the text as it always was. English
 * or Arabic: the translation marked with its language (lang, and dir="rtl" for Arabic, so screen
 * readers and the layout follow it), and the official French text one click away in a disclosure
 * (<details>: works without JavaScript, operable with the keyboard).
 */

/** The lang/dir attributes of a translated text (none for French, the page's language). */
export function langAttributes(g: GuidanceText): { lang?: string; dir?: "ltr" | "rtl" } {
  return g.locale === "fr" ? {} : { lang: g.locale, dir: LOCALE_META[g.locale].dir };
}

/** A short translated text inline (a heading, a state, a link's text): its language marked. */
export function GuidanceSpan({ g }: { g: GuidanceText }) {
  if (g.locale === "fr") return <>{g.text}</>;
  return <span {...langAttributes(g)}>{g.text}</span>;
}

/** A paragraph of guidance; translated, it keeps the French text one click away. */
export function GuidanceBlock({ g, className, lead }: { g: GuidanceText; className?: string; lead?: GuidanceText }) {
  if (g.locale === "fr") {
    return (
      <p className={className}>
        {lead ? <strong>{lead.text}</strong> : null}
        {g.text}
      </p>
    );
  }
  const summary = guidance(g.locale, "language.frenchText");
  return (
    <div className={className} {...langAttributes(g)} data-guidance={g.locale}>
      <p>
        {lead ? <strong>{lead.text}</strong> : null}
        {g.text}
      </p>
      <details className="mt-2 text-sm font-normal">
        <summary className="cursor-pointer text-france underline">{summary.text}</summary>
        <p lang="fr" dir="ltr" className="mt-1">
          {lead ? <strong>{lead.fr}</strong> : null}
          {g.fr}
        </p>
      </details>
    </div>
  );
}
