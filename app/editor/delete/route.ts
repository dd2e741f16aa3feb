import { isSlug } from '@/lib/content/slug';
import { isEditorCollection } from '@/lib/editor/fields';
import { editorUser } from '@/lib/editor/requests';
import { notFound, refusedPost, seeOther } from '@/lib/editor/responses';
import { deleteFile } from '@/lib/editor/store';

export const dynamic = 'force-dynamic';

/** The confirmation page's form posts here: the file goes, or the page is shown again saying why not. */
export async function POST(request: Request): Promise<Response> {
  const refused = refusedPost(request);
  if (refused) return refused;
  const form = await request.formData();
  const collection = String(form.get('collection') ?? '');
  const slug = String(form.get('slug') ?? '');
  if (!isEditorCollection(collection) || !isSlug(slug)) return notFound();
  const user = editorUser(request.headers);
  const result = await deleteFile(collection, slug, { expectedHash: String(form.get('hash') ?? ''), ...(user ? { author: user } : {}) });
  if (!result.ok) return seeOther(`/editor/${collection}/${slug}/delete?changed=1`);
  return seeOther(result.review ? `/editor?review=${result.review.number}` : `/editor?deleted=${encodeURIComponent(`${collection}/${slug}`)}`);
}
