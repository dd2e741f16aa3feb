import type { GlossaryTerm } from '@/lib/content/types';
import { tagLabel } from '@/lib/labels';

/**
 * A topic's name. Where a glossary term has the topic's slug, its own spelling is used
 * ("One Barnet", not "One barnet") and the topic page can link to its explanation.
 */
export function topicName(slug: string, glossary: Map<string, GlossaryTerm>): string {
  return glossary.get(slug)?.term ?? tagLabel(slug);
}
