"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { abandonImport, applyImport } from "@/lib/services/siecle-import";

/** R-DATA-1: the Siècle import is the head's, on their own school ("import:school-data"). */
const onOwnSchool = { permission: "import:school-data", resource: { type: "school" } } as const;
const importSchema = z.object({ importId: z.string().uuid({ message: "Cet import est introuvable." }) });

/** « Confirmer l'import »: applies the previewed import once (a second confirmation changes nothing and says so). */
export const confirmImportAction = defineAction({
  name: "school.import.apply",
  schema: importSchema,
  ...onOwnSchool,
  handler: async ({ db, actor, scope, input, now }) => applyImport(db, actor, scope, input.importId, now),
});

/** « Abandonner »: the preview is dropped, nothing is imported. */
export const abandonImportAction = defineAction({
  name: "school.import.abandon",
  schema: importSchema,
  ...onOwnSchool,
  handler: async ({ db, actor, scope, input, now }) => {
    await abandonImport(db, actor, scope, input.importId, now);
    return { abandoned: true };
  },
});
