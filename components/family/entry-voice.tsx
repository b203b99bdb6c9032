"use client";

import { createContext, useContext } from "react";
import { entryTexts, type EntryVoice } from "@/lib/domain/adult-student";

/**
 * R-AUTH-4: who the entry form speaks to. The guardians' pages use the default («votre enfant»);
 * the adult student's page provides "adult_student" («vous»).
 */
const EntryVoiceContext = createContext<EntryVoice>("family");

export function EntryVoiceProvider({ voice, children }: { voice: EntryVoice; children: React.ReactNode }) {
  return <EntryVoiceContext.Provider value={voice}>{children}</EntryVoiceContext.Provider>;
}

/** The entry form's help texts for the reader of the page. */
export function useEntryTexts() {
  return entryTexts(useContext(EntryVoiceContext));
}
