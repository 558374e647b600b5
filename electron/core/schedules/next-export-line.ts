/** The tray tooltip's line about the next scheduled export: "Next export: My customers, today 08:00". Pure. */
export function nextExportLine(next: { at: number; viewName: string } | null, now: number, timeZone?: string): string | null {
  if (next === null) return null;
  const zone = timeZone ? { timeZone } : {};
  const day = (at: number) => new Intl.DateTimeFormat('en-GB', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit' }).format(next.at);
  const when =
    day(next.at) === day(now)
      ? `today ${time}`
      : day(next.at) === day(now + 86_400_000)
        ? `tomorrow ${time}`
        : `${new Intl.DateTimeFormat('en-GB', { ...zone, weekday: 'short', day: 'numeric', month: 'short' }).format(next.at)} ${time}`;
  return `Next export: ${next.viewName}, ${when}`;
}
