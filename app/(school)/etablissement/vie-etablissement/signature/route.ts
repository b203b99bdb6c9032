import { defineRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/auth/policy";
import { findSignatureImage } from "@/lib/services/school-settings";

/** R-SCH-13: the stored signature image, for the head's preview on "Vie de l'établissement" (R-SCH-14: the head only). */
export const GET = defineRoute({
  roles: ["head"],
  permission: "manage:school",
  resource: () => ({ type: "school" }),
  handler: async ({ db, scope }) => {
    const sig = await findSignatureImage(db, scope);
    if (!sig) throw new NotFoundError();
    return new Response(new Uint8Array(sig.image), {
      headers: { "Content-Type": sig.mimeType, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
    });
  },
});
