"use client";

import { createContext, useContext } from "react";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/guidance";

/** R-OVS-5: the guidance language of the page, for its client parts (the help toggles). French by default (the school's simulation, the tests). */
const GuidanceLocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function GuidanceLocaleProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <GuidanceLocaleContext.Provider value={locale}>{children}</GuidanceLocaleContext.Provider>;
}

export function useGuidanceLocale(): Locale {
  return useContext(GuidanceLocaleContext);
}
