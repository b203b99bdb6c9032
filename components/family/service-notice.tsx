import { CampaignCalendar } from "@/components/ui/campaign-calendar";
import type { CampaignCalendarView } from "@/lib/domain/campaign-calendar";
import type { ServiceMessage } from "@/lib/domain/family-page";
import { guidance, guidanceOfFrench, type Locale } from "@/lib/i18n/guidance";
import { GuidanceBlock } from "./language-block";

/** Why the family service of a phase is closed (R-CAL-2/3, R-SCH-3/12), with the calendar when the campaign is closed. */
export function ServiceNotice({ message, calendar, locale = "fr" }: { message: ServiceMessage | null; calendar: CampaignCalendarView; locale?: Locale }) {
  if (!message) return null;
  return (
    <div className="mt-3 space-y-3">
      {/* R-OVS-5: the notice in the family's language, the French text one click away. */}
      <GuidanceBlock g={guidanceOfFrench(locale, message.text)} className="rounded border-l-4 border-gray-500 bg-gray-100 p-3 font-medium" />
      {message.showCalendar ? (
        <>
          <GuidanceBlock g={guidance(locale, "notice.calendarIntro")} />
          <CampaignCalendar calendar={calendar} />
        </>
      ) : null}
    </div>
  );
}
