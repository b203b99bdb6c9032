import { NotFoundContent } from "@/components/ui/not-found-content";

/** A 404 inside this audience's pages: the group's layout already draws the header, the <main> and the footer. */
export default function NotFound() {
  return <NotFoundContent />;
}
