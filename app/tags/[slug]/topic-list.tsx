import { listRoute } from '@/app/_lib/list-route';
import { TagView, tagMetadata } from '@/components/TagView';
import { findTag } from '@/lib/records/lookups';

/** A topic's decisions: page 1 at /tags/<slug>, later pages at /tags/<slug>/page/<n>. */
export const topicList = listRoute({
  find: ({ slug }: { slug: string }) => findTag(slug),
  metadata: ({ records, key }, pageNumber) => tagMetadata(records, key, pageNumber),
  view: ({ records, key }, pageNumber) => <TagView records={records} slug={key} pageNumber={pageNumber} />,
});
