import { redirect } from "next/navigation";
import { getSignedIn, homeOf } from "@/lib/auth/session";

export default async function Root() {
  const s = await getSignedIn();
  redirect(s ? homeOf(s.actor.role) : "/connexion");
}
