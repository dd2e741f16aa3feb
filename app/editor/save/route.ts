import { keepAttempt } from '@/lib/editor/attempts';
import { applyListAction, readBody, readFields, serialise } from '@/lib/editor/document';
import { collectionFields, EDITOR_COLLECTIONS, isEditorCollection, type EditorCollection } from '@/lib/editor/fields';
import { isError, type ContentProblem } from '@/lib/content/problems';
import { editorUser } from '@/lib/editor/requests';
import { notFound, refusedPost, seeOther } from '@/lib/editor/responses';
import { checkCandidate, displayPath, readStored, saveFile, slugForNew } from '@/lib/editor/store';
import { isSlug } from '@/lib/content/slug';

export const dynamic = 'force-dynamic';

/**
 * Every form of the editor posts here. A save that content:check would pass writes the file
 * and goes back to it; anything else (problems, an item added or removed) is kept as an
 * attempt and shown again on the form, with its problems on their fields.
 */
export async function POST(request: Request): Promise<Response> {
  const refused = refusedPost(request);
  if (refused) return refused;
  const form = await request.formData();
  const collection = String(form.get('collection') ?? '');
  if (!isEditorCollection(collection)) return notFound();
  const given = String(form.get('slug') ?? '');
  const slug = given === '' ? undefined : given;
  if (slug !== undefined && !isSlug(slug)) return notFound();
  const hash = String(form.get('hash') ?? '') || undefined;
  const fields = collectionFields(collection);
  const values = readFields(fields, form);
  const body = readBody(form);
  const action = String(form.get('editor-action') ?? 'save');
  const back = (attempt: string, focus?: string) => seeOther(`/editor/${collection}/${slug ?? 'new'}?attempt=${attempt}${focus ? `#${focus}` : ''}`);

  if (action !== 'save') {
    const focus = applyListAction(fields, values, action);
    return back(
      keepAttempt({ collection, slug, hash, values, body, problems: [], focus }),
      focus ? `field-${focus.replace(/[^A-Za-z0-9]+/g, '-')}` : undefined,
    );
  }

  const stored = slug ? await readStored(collection, slug) : undefined;
  if (slug && !stored?.opened) return notFound();
  const target = slug ?? slugForNew(collection, values);
  const text = serialise(fields, stored?.opened, values, body);
  // A new file has no name until the fields its name is made from are given: its problems are
  // found under a stand-in name, and it is not written.
  const result = target
    ? await saveFile(collection, target, text, { isNew: !slug, ...(hash ? { expectedHash: hash } : {}), ...author(request) })
    : { ok: false as const, problems: await unnamedProblems(collection, text) };
  if (!result.ok) return back(keepAttempt({ collection, slug, hash, values, body, problems: result.problems }), 'error-summary');
  // Sent for review: the file is not on the site's branch until the pull request is merged.
  if (result.review) return seeOther(`/editor?review=${result.review.number}`);
  return seeOther(`/editor/${collection}/${target}?saved=1`);
}

function author(request: Request): { author?: string } {
  const user = editorUser(request.headers);
  return user ? { author: user } : {};
}

/** The problems of a new file that has no name yet; at least one, saying why it has none. */
async function unnamedProblems(collection: EditorCollection, text: string): Promise<ContentProblem[]> {
  const problems = await checkCandidate(collection, 'untitled', text);
  if (problems.some(isError)) return problems;
  const { nameField, slugFrom } = EDITOR_COLLECTIONS[collection];
  const message = `The file name is made from the ${slugFrom.join(' and ')}, and there are no letters or digits in it to make one from: use some.`;
  return [...problems, { file: displayPath(collection, 'untitled'), field: nameField, message, severity: 'error' }];
}
