import { redirect } from "next/navigation";
import { loadLandingPage } from "@/lib/loaders/app-shell";

export default async function Root() {
  redirect((await loadLandingPage()).redirectTo);
}
