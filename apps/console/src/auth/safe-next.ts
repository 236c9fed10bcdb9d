/** Where to go after signing in: `next` when it is a path of this site (never another origin), else `/`. */
export function safeNext(next: string | null): string {
  if (next === null || !/^\/(?![/\\])/.test(next)) return "/";
  return next;
}
