import type { CampaignCalendarView } from "@/lib/domain/campaign-calendar";

/** R-CAL-2 / R-CAL-4: the dates of each phase, labelled by term (built by describeCampaignCalendar). */
export function CampaignCalendar({ calendar, headingLevel = 3 }: { calendar: CampaignCalendarView; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  if (!calendar.published) return <p className="text-sm">{calendar.text}</p>;
  return (
    <div>
      <H className="font-bold">{calendar.heading}</H>
      <ul className="mt-2 space-y-2">
        {calendar.entries.map((e) => (
          <li key={e.phase} className="rounded border border-gray-300 p-3 text-sm">
            <p className="font-medium">{e.title}</p>
            <p>{e.dates}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
