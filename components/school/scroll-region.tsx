/**
 * A wide table's horizontal scroll area: focusable and named, so keyboard users can scroll it on a
 * phone (RGAA / axe "scrollable-region-focusable").
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
