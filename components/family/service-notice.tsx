import { CampaignCalendar } from "@/components/ui/campaign-calendar";
import type { CampaignCalendarView } from "@/lib/domain/campaign-calendar";
import type { ServiceMessage } from "@/lib/domain/family-page";

/** Why the family service of a phase is closed (R-CAL-2/3, R-SCH-3/12), with the calendar when the campaign is closed. */
export function ServiceNotice({ message, calendar }: { message: ServiceMessage | null; calendar: CampaignCalendarView }) {
  if (!message) return null;
  return (
    <div className="mt-3 space-y-3">
      <p className="rounded border-l-4 border-gray-500 bg-gray-100 p-3 font-medium">{message.text}</p>
      {message.showCalendar ? (
        <>
          <p>Le calendrier est le suivant :</p>
          <CampaignCalendar calendar={calendar} />
        </>
      ) : null}
    </div>
  );
}
