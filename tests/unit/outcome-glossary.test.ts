import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../lib/content/schemas';
import { outcomeGlossarySlug } from '../../lib/records/labels';
import { getSiteRecords } from '../../lib/site';

describe('outcomes in plain English', () => {
  it('every outcome a decision can have is a glossary term, which each outcome tag links to', async () => {
    const records = await getSiteRecords();
    const missing = OUTCOMES.filter((outcome) => !records.glossary.has(outcomeGlossarySlug(outcome)));
    expect(missing).toEqual([]);
    for (const outcome of OUTCOMES) expect(records.glossary.get(outcomeGlossarySlug(outcome))!.summary.length).toBeGreaterThan(20);
  });
});
