/**
 * Dates in this site are Europe/London wall-clock dates. Posts give `YYYY-MM-DD` or an
 * ISO 8601 date-time; both are turned into an instant here, explicitly, so the result does
 * not depend on the server's time zone.
 */
export const TIME_ZONE = 'Europe/London';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** `2011-06-30` as a calendar date, or undefined if it is not a real `YYYY-MM-DD` date. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = DATE_ONLY.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}

const offsetFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * London's offset per UTC hour: since 1900 every change of London's clocks has happened on a
 * whole UTC hour, so the offset is the same for a whole hour. formatToParts is slow (it was a
 * tenth of reading 10,000 posts).
 */
const offsetByHour = new Map<number, number>();
const CACHE_OFFSETS_FROM = Date.UTC(1900, 0, 1);

/** Minutes London is ahead of UTC at a given instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: number): number {
  if (instant < CACHE_OFFSETS_FROM || !Number.isFinite(instant)) return computeLondonOffsetMinutes(instant);
  const hour = Math.floor(instant / 3_600_000);
  let minutes = offsetByHour.get(hour);
  if (minutes === undefined) {
    minutes = computeLondonOffsetMinutes(instant);
    if (offsetByHour.size >= 200_000) offsetByHour.clear();
    offsetByHour.set(hour, minutes);
  }
  return minutes;
}

function computeLondonOffsetMinutes(instant: number): number {
  const parts = Object.fromEntries(offsetFormatter.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

/** The instant at which London's clocks show this wall-clock time. */
export function londonWallClockToInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes settle the offset either side of a clock change.
  let instant = naive - londonOffsetMinutes(naive) * 60000;
  instant = naive - londonOffsetMinutes(instant) * 60000;
  return new Date(instant);
}

/**
 * Parses a post's `date`: `YYYY-MM-DD` (midnight in London), a date-time without offset
 * (London wall-clock) or with `Z`/`±hh:mm`. Undefined when it is not a real date.
 */
export function parsePublicationDate(text: string): Date | undefined {
  const dateOnly = parseCalendarDate(text);
  if (dateOnly) return londonWallClockToInstant(dateOnly.year, dateOnly.month, dateOnly.day);
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((v) => Number(v ?? 0)) as number[];
  if (!isRealDate(year!, month!, day!) || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const zone = match[7];
  if (zone === undefined) return londonWallClockToInstant(year!, month!, day!, hour, minute, second);
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) - offset * 60000);
}

const longDate = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const longDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
});
const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, weekday: 'long' });

/** "2 March 2011", as GOV.UK writes dates. */
export function formatDate(instant: Date): string {
  return longDate.format(instant);
}

/** "2 March 2011 at 9:30am". */
export function formatDateTime(instant: Date): string {
  const parts = Object.fromEntries(longDateTime.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase()}`;
}

/** A calendar date (`2011-03-02`) as "Wednesday 2 March 2011". */
export function formatCalendarDate(text: string, withWeekday = false): string {
  const date = parseCalendarDate(text);
  if (!date) return text;
  const noonInLondon = londonWallClockToInstant(date.year, date.month, date.day, 12);
  // GOV.UK style has no comma after the weekday: "Wednesday 2 March 2011".
  const formatted = longDate.format(noonInLondon);
  return withWeekday ? `${weekday.format(noonInLondon)} ${formatted}` : formatted;
}

/**
 * An instant as London's clocks showed it, in ISO 8601 with London's offset:
 * `2011-06-30T00:00:00+01:00`. The same instant as `toISOString()` (`2011-06-29T23:00:00.000Z`),
 * but a person or a spreadsheet reading only the date part gets the London date, not the UTC
 * day before. Every machine-readable date the site publishes is written this way or as
 * `londonIsoDate`.
 */
export function londonIsoDateTime(instant: Date): string {
  const time = instant.getTime();
  const offset = londonOffsetMinutes(time);
  const wall = new Date(Math.floor(time / 1000) * 1000 + offset * 60000);
  const sign = offset < 0 ? '-' : '+';
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = pad(Math.floor(Math.abs(offset) / 60));
  const minutes = pad(Math.abs(offset) % 60);
  return `${wall.toISOString().slice(0, 19)}${sign}${hours}:${minutes}`;
}

/** The London calendar date of an instant, as `YYYY-MM-DD`. */
export function londonIsoDate(instant: Date): string {
  return londonIsoDateTime(instant).slice(0, 10);
}

/** The London year of an instant. */
export function londonYear(instant: Date): number {
  return Number(londonIsoDate(instant).slice(0, 4));
}
