/**
 * The iCalendar feeds, read back by two parsers that share nothing with ical-generator:
 * Debian's python3-icalendar and Mozilla's ical.js. Each must read every event without a
 * warning, with the UID, the London time (or the whole day), SUMMARY, LOCATION, URL and
 * DESCRIPTION the site means; and the HTTP answers carry ETag and 304.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import ICAL from 'ical.js';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { collectContent } from '../../lib/content/collect';
import { londonWallClockToInstant } from '../../lib/dates';
import { conditionalResponse } from '../../lib/http/http-cache';
import { meetingsCalendar, meetingUid, webcalUrl } from '../../lib/meetings/ical';
import { meetingsOf } from '../../lib/meetings';
import { calendarRepresentation, CALENDAR_CONTENT_TYPE } from '../../lib/meetings/respond';
import { contentFiles, post, SITE, siteRecordsOf, textFile } from './helpers';

const PYTHON = '/usr/bin/python3';
const hasIcalendar = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import icalendar'], { encoding: 'utf8' }).status === 0;
const runPython = hasIcalendar || process.env.CI === 'true' || process.env.CI === '1';

function meetingFile(name: string, data: Record<string, unknown>, body = '') {
  return textFile(`content/meetings/${name}.md`, `---\n${stringify(data, { lineWidth: 0 })}---\n${body}`);
}

/** A past meeting from a post (all day), a future one with a time and an agenda, a cancelled one in winter, and awkward text. */
function fixtureRecords() {
  const content = collectContent(
    contentFiles(
      [
        post({
          title: 'Awkward; text, with \\ backslash',
          decisions: [{ subject: 'Fees; charges, and a \\ backslash — “quoted”', stage: 'fees-and-charges', outcome: 'agreed' }],
        }),
      ],
      {
        meetings: [
          meetingFile('2011-06-29-cabinet-resources-committee', {
            committee: 'cabinet-resources-committee',
            date: '2011-06-29',
            venue: 'Hendon Town Hall, The Burroughs; London',
          }),
          meetingFile('2011-07-20-cabinet-resources-committee', {
            committee: 'cabinet-resources-committee',
            date: '2011-07-20T19:00',
            venue: 'Hendon Town Hall',
            agenda: [{ title: 'Adults In-House Services implementation' }],
          }),
          meetingFile('2011-12-07-cabinet-resources-committee', { committee: 'cabinet-resources-committee', date: '2011-12-07T18:30', cancelled: true }),
        ],
      },
    ),
  );
  return siteRecordsOf(content, new Date('2011-07-01T12:00:00Z'));
}

function calendarText() {
  const records = fixtureRecords();
  return meetingsCalendar({
    site: records.site,
    committees: records.committees,
    meetings: meetingsOf(records).all,
    name: 'meetings',
    path: '/meetings',
    fallbackStamp: records.indexes.lastModified,
  });
}

const PY_READER = `
import icalendar, json, sys, warnings
warnings.simplefilter("error")
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
problems = [f"{c.name}: {e}" for c in cal.walk() for e in getattr(c, "errors", [])]
events = []
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    events.append({
        "uid": str(ev["UID"]),
        "summary": str(ev["SUMMARY"]),
        "location": str(ev.get("LOCATION", "")) or None,
        "url": str(ev["URL"]),
        "description": str(ev["DESCRIPTION"]),
        "status": str(ev.get("STATUS", "")) or None,
        "start": start.isoformat(),
        "allday": not hasattr(start, "hour"),
        "utc": start.astimezone(__import__("datetime").timezone.utc).isoformat() if hasattr(start, "hour") else None,
        "tzid": ev["DTSTART"].params.get("TZID"),
    })
print(json.dumps({"problems": problems, "events": events, "timezones": [str(t["TZID"]) for t in cal.walk("VTIMEZONE")]}))
`;

describe('the meetings calendar', () => {
  it('has a stable UID made of the meeting slug and the site host', () => {
    expect(meetingUid(SITE, { slug: '2011-07-20-cabinet-resources-committee' })).toBe('2011-07-20-cabinet-resources-committee@decisions.barnet.example');
    expect(calendarText()).toBe(calendarText());
  });

  it.runIf(runPython)('parses in python icalendar without a warning or an error, with every field', () => {
    expect(hasIcalendar, 'apt-get install python3-icalendar').toBe(true);
    const run = spawnSync(PYTHON, ['-c', PY_READER], { input: calendarText(), encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const parsed = JSON.parse(run.stdout) as {
      problems: string[];
      timezones: string[];
      events: Array<Record<string, string | boolean | null>>;
    };
    expect(parsed.problems).toEqual([]);
    expect(parsed.timezones).toEqual(['Europe/London']);
    const [june, july, december] = parsed.events;
    expect(june).toMatchObject({
      uid: '2011-06-29-cabinet-resources-committee@decisions.barnet.example',
      summary: 'Cabinet Resources Committee',
      location: 'Hendon Town Hall, The Burroughs; London',
      url: 'https://decisions.barnet.example/meetings/2011-06-29-cabinet-resources-committee',
      start: '2011-06-29',
      allday: true,
    });
    expect(june!.description).toContain('Fees; charges, and a \\ backslash — “quoted”: Agreed');
    expect(june!.description).toContain('https://decisions.barnet.example/decisions/2011-06-30-test-post#item-fees-charges-and-a-backslash-quoted');
    // 7pm London in summer is 18:00 UTC; 6:30pm in winter is 18:30 UTC.
    expect(july).toMatchObject({ tzid: 'Europe/London', start: '2011-07-20T19:00:00+01:00', utc: '2011-07-20T18:00:00+00:00', allday: false });
    expect(july!.description).toContain('On the agenda:\n- Adults In-House Services implementation');
    expect(december).toMatchObject({
      utc: '2011-12-07T18:30:00+00:00',
      status: 'CANCELLED',
      summary: 'Cancelled: Cabinet Resources Committee',
      location: null,
    });
  });

  it('parses in ical.js (a second, independent parser) without a warning, at the same instants', () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const component = new ICAL.Component(ICAL.parse(calendarText()));
    const zones = component.getAllSubcomponents('vtimezone');
    expect(zones.map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Europe/London']);
    for (const zone of zones) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    const events = component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual([
      '2011-06-29-cabinet-resources-committee@decisions.barnet.example',
      '2011-07-20-cabinet-resources-committee@decisions.barnet.example',
      '2011-12-07-cabinet-resources-committee@decisions.barnet.example',
    ]);
    const [june, july, december] = events;
    expect(june!.startDate.isDate).toBe(true);
    expect(june!.startDate.toString()).toBe('2011-06-29');
    expect(june!.endDate.toString()).toBe('2011-06-30');
    expect(july!.startDate.toJSDate().getTime()).toBe(londonWallClockToInstant(2011, 7, 20, 19).getTime());
    expect(december!.startDate.toJSDate().getTime()).toBe(londonWallClockToInstant(2011, 12, 7, 18, 30).getTime());
    expect(july!.location).toBe('Hendon Town Hall');
    expect(july!.summary).toBe('Cabinet Resources Committee');
    expect(july!.description).toContain('Wednesday 20 July 2011 at 7pm');
    expect(july!.component.getFirstPropertyValue('url')).toBe('https://decisions.barnet.example/meetings/2011-07-20-cabinet-resources-committee');
    expect(june!.component.getFirstPropertyValue('dtstamp')?.toString()).toMatch(/Z$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    warn.mockRestore();
    error.mockRestore();
  });

  it('is served as text/calendar with an ETag, and answers 304 to a client that has it', () => {
    const records = fixtureRecords();
    const site = calendarRepresentation(records, { kind: 'site' })!;
    expect(site.contentType).toBe(CALENDAR_CONTENT_TYPE);
    const first = conditionalResponse(new Request('https://x/meetings.ics'), site);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    const again = conditionalResponse(new Request('https://x/meetings.ics', { headers: { 'if-none-match': etag } }), site);
    expect(again.status).toBe(304);
    expect(calendarRepresentation(records, { kind: 'committee', slug: 'cabinet-resources-committee' })).toBeDefined();
    expect(calendarRepresentation(records, { kind: 'committee', slug: 'no-such-committee' })).toBeUndefined();
  });

  it('gives calendar programs a webcal:// address', () => {
    expect(webcalUrl(SITE, '/meetings.ics')).toBe('webcal://decisions.barnet.example/meetings.ics');
  });
});
