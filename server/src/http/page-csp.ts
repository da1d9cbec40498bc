/** Where Clerk's bot check runs, when Clerk signs in on a page. */
const clerkChallenges = 'https://challenges.cloudflare.com';

/**
 * The Content-Security-Policy of a backend page (the sign-in popup, the operator console): scripts,
 * styles and requests from this origin only, plus what Clerk's sign-in needs when it runs there.
 * No page may be framed elsewhere.
 */
export function pageCsp(
  clerkFrontendApi: string | undefined,
  options: { frames: string[]; formAction: "'self'" | "'none'" },
): string {
  const clerk = clerkFrontendApi ? ` ${clerkFrontendApi}` : '';
  const frames = [...options.frames, ...(clerk ? [clerkChallenges] : [])];
  return [
    "default-src 'none'",
    `script-src 'self'${clerk}${clerk ? ` ${clerkChallenges}` : ''}`,
    `connect-src 'self'${clerk}`,
    `img-src 'self' data:${clerk ? ' https://img.clerk.com' : ''}`,
    // Clerk's components inject their styles at run time; Lit's are constructed stylesheets, which 'self' allows.
    `style-src 'self'${clerk ? " 'unsafe-inline'" : ''}`,
    `frame-src ${frames.length > 0 ? frames.join(' ') : "'none'"}`,
    `worker-src 'self' blob:`,
    `form-action ${options.formAction}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
