/**
 * Every paginated list (a topic, a year, a committee, the latest decisions) reads its address
 * the same way: page 1 at the list's own address, pages 2 up at …/page/<n>, and anything else,
 * including …/page/1, not found.
 */
import { describe, expect, it } from 'vitest';
import { findListPage } from '../../lib/records/list-page';

describe('the address of a page of a list', () => {
  it('is page 1 at the list’s own address and page <n> at …/page/<n>', async () => {
    expect(await findListPage(undefined, async () => 'topic')).toEqual({ found: 'topic', pageNumber: 1 });
    expect(await findListPage('2', async () => 'topic')).toEqual({ found: 'topic', pageNumber: 2 });
    expect(await findListPage('17', async () => 'topic')).toEqual({ found: 'topic', pageNumber: 17 });
  });

  it('is not found for a page number that is not a later page’s, without looking the list up', async () => {
    for (const page of ['1', '0', '02', 'abc', '']) {
      let asked = false;
      const find = async () => {
        asked = true;
        return 'topic';
      };
      expect(await findListPage(page, find), page).toBeUndefined();
      expect(asked, page).toBe(false);
    }
  });

  it('is not found when the list is not there', async () => {
    expect(await findListPage(undefined, async () => undefined)).toBeUndefined();
    expect(await findListPage('2', async () => undefined)).toBeUndefined();
  });
});
