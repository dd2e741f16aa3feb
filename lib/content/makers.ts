/**
 * What the kind of a decision maker (a committee file's `kind`) implies for the content. Imports
 * no parser, so the checks across files (assemble.ts) can ask it.
 */
import type { MakerKind } from './schemas';

/** Kinds that decide alone, without a meeting: one cabinet member, or one officer. */
const DECIDES_ALONE: ReadonlySet<MakerKind> = new Set(['cabinet-member', 'officer']);

/** Whether a body of this kind meets: a committee, the Cabinet and full Council do; a cabinet member or an officer does not. */
export function makerMeets(kind: MakerKind | undefined): boolean {
  return !DECIDES_ALONE.has(kind ?? 'committee');
}
