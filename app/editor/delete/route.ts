import { isSlug } from '@/lib/content/slug';
import { isEditorCollection } from '@/lib/editor/fields';
import { editorUser, requestProblem } from '@/lib/editor/requests';
import { deleteFile, editorEnabled } from '@/lib/editor/store';

export const dynamic = 'force-dynamic';

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
const notFound = () => new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** The confirmation page's form posts here: the file goes, or the page is shown again saying why not. */
export async function POST(request: Request): Promise<Response> {
  if (!editorEnabled()) return notFound();
  const refused = requestProblem(request);
  if (refused) return new Response(`${refused}\n`, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const form = await request.formData();
  const collection = String(form.get('collection') ?? '');
  const slug = String(form.get('slug') ?? '');
  if (!isEditorCollection(collection) || !isSlug(slug)) return notFound();
  const user = editorUser(request.headers);
  const result = await deleteFile(collection, slug, { expectedHash: String(form.get('hash') ?? ''), ...(user ? { author: user } : {}) });
  if (!result.ok) return seeOther(`/editor/${collection}/${slug}/delete?changed=1`);
  return seeOther(result.review ? `/editor?review=${result.review.number}` : `/editor?deleted=${encodeURIComponent(`${collection}/${slug}`)}`);
}
