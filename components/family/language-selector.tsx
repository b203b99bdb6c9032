import { chooseLocaleFormAction } from "@/lib/actions/account";
import { guidance, LOCALE_META, LOCALES, type Locale } from "@/lib/i18n/guidance";

/**
 * R-OVS-5: « Langue de l'aide : Français / English / العربية ». One submit button per language
 * (one click, with or without JavaScript: a plain form posting to a server action), each named in
 * its own language (lang, dir); the chosen one is pressed. The legend stays French, with its
 * translation, so a family can always find its way back to French.
 */
export function LanguageSelector({ locale }: { locale: Locale }) {
  const legend = guidance(locale, "language.legend");
  const note = guidance(locale, "language.note");
  return (
    <form action={chooseLocaleFormAction} className="mb-6 rounded border border-gray-300 bg-gray-50 p-3 text-sm">
      <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <legend className="float-left mr-3 font-medium">
          {legend.fr}
          {locale !== "fr" ? (
            <span lang={locale} dir={LOCALE_META[locale].dir}>
              {" "}
              ({legend.text})
            </span>
          ) : null}
          <span aria-hidden="true"> :</span>
        </legend>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="submit"
            name="locale"
            value={l}
            lang={l}
            dir={LOCALE_META[l].dir}
            aria-pressed={l === locale}
            className={
              l === locale
                ? "rounded border-2 border-france bg-france px-3 py-1 font-medium text-white"
                : "rounded border-2 border-france bg-white px-3 py-1 font-medium text-france hover:bg-france-light"
            }
          >
            {LOCALE_META[l].name}
          </button>
        ))}
      </fieldset>
      {locale !== "fr" ? (
        <p className="mt-2" lang={locale} dir={LOCALE_META[locale].dir}>
          {note.text}
        </p>
      ) : null}
    </form>
  );
}
