import { formatCalendarDate, formatDate, londonIsoDate } from '@/lib/dates';

/** A date for people ("2 March 2011") in a <time> for machines. */
export function DateText({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatDate(date)}</time>;
}

/** A calendar date (`2011-03-02`) with its weekday, as meeting dates are written. */
export function CalendarDateText({ date, weekday = false }: { date: string; weekday?: boolean }) {
  return <time dateTime={date}>{formatCalendarDate(date, weekday)}</time>;
}

export { londonIsoDate };
