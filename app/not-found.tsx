import { NotFoundContent } from "@/components/ui/not-found-content";
import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";

/** The 404 outside any audience's layout (an unknown address, or a layout's own 404): the shell is drawn here, once. */
export default function NotFound() {
  return (
    <>
      <SiteHeader audience="" />
      <PageMain>
        <NotFoundContent />
      </PageMain>
      <SiteFooter />
    </>
  );
}
