/**
 * What scripts/build/prepare.ts tells the build once the content has passed its check: the
 * digest of the content it checked (lib/content/digest.ts), which the copy of the folder the
 * standalone server is given must match (scripts/build/standalone-content.ts).
 */
export interface ContentChecked {
  checkedContentDigest: string;
}

export function isContentChecked(message: unknown): message is ContentChecked {
  return typeof message === 'object' && message !== null && typeof (message as ContentChecked).checkedContentDigest === 'string';
}
