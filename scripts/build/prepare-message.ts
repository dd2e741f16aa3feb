/** What scripts/build/prepare.ts tells the build once the content has passed its check. */
export const CONTENT_CHECKED = 'content-checked';
