import { guardPage } from "@/lib/auth/guard";
import { findPlatformSummary } from "@/lib/db/repositories/platform";
import { platformHomeView } from "@/lib/domain/platform-admin";

export type { PlatformHomeView } from "@/lib/domain/platform-admin";

/** The administrators' layout: their audience only (R-AUTH-1). */
export async function loadAdminLayout(): Promise<{ userName: string }> {
  const { actor } = await guardPage({ roles: ["admin"], permission: "manage:platform", resource: { type: "platform" } });
  return { userName: actor.displayName };
}

/** The admin home: the platform's académies, schools, accounts and last transfers. */
export async function loadAdminPlatformPage() {
  const { db } = await guardPage({ roles: ["admin"], permission: "manage:platform", resource: { type: "platform" } });
  return platformHomeView(await findPlatformSummary(db));
}
