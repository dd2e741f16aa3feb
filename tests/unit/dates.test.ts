import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  londonIsoDate,
  londonWallClockToInstant,
  londonYear,
  parseCalendarDate,
  parsePublicationDate,
} from '../../lib/dates';

const iso = (date: Date | undefined) => date?.toISOString();

describe('parsePublicationDate: dates are Europe/London', () => {
  it('reads 2011-06-30 as midnight in London during BST: 2011-06-29T23:00Z', () => {
    expect(iso(parsePublicationDate('2011-06-30'))).toBe('2011-06-29T23:00:00.000Z');
  });

  it('reads 2011-01-15 as midnight in London during GMT: 2011-01-15T00:00Z', () => {
    expect(iso(parsePublicationDate('2011-01-15'))).toBe('2011-01-15T00:00:00.000Z');
  });

  it('reads a date-time without offset as London wall-clock time (09:00 BST = 08:00Z)', () => {
    expect(iso(parsePublicationDate('2011-06-30T09:00'))).toBe('2011-06-30T08:00:00.000Z');
    expect(iso(parsePublicationDate('2011-06-30 09:00'))).toBe('2011-06-30T08:00:00.000Z');
    expect(iso(parsePublicationDate('2011-01-15T09:00'))).toBe('2011-01-15T09:00:00.000Z');
  });

  it('respects an explicit Z or offset', () => {
    expect(iso(parsePublicationDate('2011-06-30T09:00Z'))).toBe('2011-06-30T09:00:00.000Z');
    expect(iso(parsePublicationDate('2011-06-30T09:00:00+02:00'))).toBe('2011-06-30T07:00:00.000Z');
    expect(iso(parsePublicationDate('2011-06-30T09:00-0500'))).toBe('2011-06-30T14:00:00.000Z');
    expect(iso(parsePublicationDate('2011-01-15T09:00+00:00'))).toBe('2011-01-15T09:00:00.000Z');
  });

  it('handles the spring clock change (2011-03-27: 01:00–01:59 does not exist in London)', () => {
    expect(iso(parsePublicationDate('2011-03-27'))).toBe('2011-03-27T00:00:00.000Z');
    expect(iso(parsePublicationDate('2011-03-27T00:30'))).toBe('2011-03-27T00:30:00.000Z');
    // 01:30 never shows on London clocks that day: it is moved forward to 02:30 BST.
    expect(iso(parsePublicationDate('2011-03-27T01:30'))).toBe('2011-03-27T01:30:00.000Z');
    expect(iso(parsePublicationDate('2011-03-27T02:00'))).toBe('2011-03-27T01:00:00.000Z');
    expect(iso(parsePublicationDate('2011-03-27T12:00'))).toBe('2011-03-27T11:00:00.000Z');
  });

  it('handles the autumn clock change (2011-10-30: 01:00–01:59 happens twice)', () => {
    expect(iso(parsePublicationDate('2011-10-30'))).toBe('2011-10-29T23:00:00.000Z');
    expect(iso(parsePublicationDate('2011-10-30T00:30'))).toBe('2011-10-29T23:30:00.000Z');
    expect(['2011-10-30T00:30:00.000Z', '2011-10-30T01:30:00.000Z']).toContain(iso(parsePublicationDate('2011-10-30T01:30')));
    expect(iso(parsePublicationDate('2011-10-30T02:00'))).toBe('2011-10-30T02:00:00.000Z');
    expect(iso(parsePublicationDate('2011-10-31'))).toBe('2011-10-31T00:00:00.000Z');
  });

  it.each(['2011-02-31', '2011-02-29', '2011-13-01', '2011-00-10', '2011-6-30', '30/06/2011', '2011-06-30T24:00', '2011-06-30T23:60', 'yesterday', ''])(
    'gives undefined for %j',
    (text) => {
      expect(parsePublicationDate(text)).toBeUndefined();
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(iso(parsePublicationDate('2012-02-29'))).toBe('2012-02-29T00:00:00.000Z');
  });
});

describe('parseCalendarDate and londonWallClockToInstant', () => {
  it('parses real calendar dates only', () => {
    expect(parseCalendarDate('2011-03-02')).toEqual({ year: 2011, month: 3, day: 2 });
    expect(parseCalendarDate('2011-02-31')).toBeUndefined();
    expect(parseCalendarDate('2011-03-02T09:00')).toBeUndefined();
  });

  it('turns London wall-clock time into the instant', () => {
    expect(iso(londonWallClockToInstant(2011, 6, 30, 9, 30))).toBe('2011-06-30T08:30:00.000Z');
    expect(iso(londonWallClockToInstant(2011, 12, 25, 9, 30))).toBe('2011-12-25T09:30:00.000Z');
  });
});

describe('formatting for people', () => {
  it('formatDate gives "2 March 2011"', () => {
    expect(formatDate(new Date('2011-03-02T12:00:00Z'))).toBe('2 March 2011');
  });

  it('formatDate uses the London date, not the UTC one', () => {
    // 23:30 UTC on 29 June is 00:30 on 30 June in London.
    expect(formatDate(new Date('2011-06-29T23:30:00Z'))).toBe('30 June 2011');
    expect(formatDate(parsePublicationDate('2011-06-30')!)).toBe('30 June 2011');
  });

  it('formatCalendarDate gives "2 March 2011"', () => {
    expect(formatCalendarDate('2011-03-02')).toBe('2 March 2011');
  });

  // GOV.UK style has no comma after the weekday; Intl's en-GB pattern would give one.
  it('formatCalendarDate("2011-03-02", true) gives "Wednesday 2 March 2011"', () => {
    expect(formatCalendarDate('2011-03-02', true)).toBe('Wednesday 2 March 2011');
  });

  it('formatCalendarDate names the right weekday and month', () => {
    const text = formatCalendarDate('2011-03-02', true);
    expect(text.startsWith('Wednesday')).toBe(true);
    expect(text.endsWith('2 March 2011')).toBe(true);
    expect(formatCalendarDate('2011-10-30', true)).toMatch(/^Sunday,? 30 October 2011$/);
  });

  it('formatCalendarDate gives back text that is not a date unchanged', () => {
    expect(formatCalendarDate('2011-02-31')).toBe('2011-02-31');
  });

  it('formatDateTime gives "2 March 2011 at 9:30am" and pm times in London', () => {
    expect(formatDateTime(new Date('2011-03-02T09:30:00Z'))).toBe('2 March 2011 at 9:30am');
    expect(formatDateTime(new Date('2011-06-30T13:05:00Z'))).toBe('30 June 2011 at 2:05pm');
  });

  // A post dated 2011-07-01 is scheduled for midnight London time: the preview banner must say
  // "12:00am", where a 24-hour clock would give "0:00am" (and "0:00pm" at noon).
  it('formatDateTime writes midnight and noon as 12:00am and 12:00pm', () => {
    expect(formatDateTime(parsePublicationDate('2011-07-01')!)).toBe('1 July 2011 at 12:00am');
    expect(formatDateTime(new Date('2011-03-02T12:00:00Z'))).toBe('2 March 2011 at 12:00pm');
  });

  it('londonIsoDate and londonYear use the London calendar', () => {
    expect(londonIsoDate(new Date('2011-06-29T23:30:00Z'))).toBe('2011-06-30');
    expect(londonIsoDate(new Date('2011-01-15T23:30:00Z'))).toBe('2011-01-15');
    expect(londonYear(new Date('2011-12-31T23:30:00Z'))).toBe(2011);
    expect(londonYear(new Date('2012-06-30T23:30:00Z'))).toBe(2012);
  });
});

describe('independence from the server time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
    vi.resetModules();
  });

  it('gives the same results with TZ=America/New_York', async () => {
    process.env.TZ = 'America/New_York';
    vi.resetModules();
    // The local zone really is New York now (5 hours behind UTC in January).
    expect(new Date(2011, 0, 15).getTimezoneOffset()).toBe(300);
    const dates = await import('../../lib/dates');
    expect(iso(dates.parsePublicationDate('2011-06-30'))).toBe('2011-06-29T23:00:00.000Z');
    expect(iso(dates.parsePublicationDate('2011-01-15'))).toBe('2011-01-15T00:00:00.000Z');
    expect(iso(dates.parsePublicationDate('2011-06-30T09:00'))).toBe('2011-06-30T08:00:00.000Z');
    expect(dates.formatDate(new Date('2011-06-29T23:30:00Z'))).toBe('30 June 2011');
    expect(dates.londonIsoDate(new Date('2011-06-29T23:30:00Z'))).toBe('2011-06-30');
    expect(dates.formatCalendarDate('2011-03-02')).toBe('2 March 2011');
  });

  it('gives the same results with TZ=Pacific/Kiritimati (UTC+14)', async () => {
    process.env.TZ = 'Pacific/Kiritimati';
    vi.resetModules();
    const dates = await import('../../lib/dates');
    expect(iso(dates.parsePublicationDate('2011-06-30'))).toBe('2011-06-29T23:00:00.000Z');
    expect(dates.londonIsoDate(dates.parsePublicationDate('2011-03-02')!)).toBe('2011-03-02');
  });
});
