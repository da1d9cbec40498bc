/** One line of `npm run doctor`: what was checked, how it stands, and for a ✗ or ⚠ the one-line fix. */
export interface CheckResult {
  status: 'ok' | 'warn' | 'fail';
  title: string;
  /** What was found, for the operator. */
  detail?: string | undefined;
  fix?: string | undefined;
}

export const ok = (title: string, detail?: string): CheckResult => ({ status: 'ok', title, detail });
export const warn = (title: string, detail: string, fix?: string): CheckResult => ({
  status: 'warn',
  title,
  detail,
  fix,
});
export const fail = (title: string, detail: string, fix: string): CheckResult => ({
  status: 'fail',
  title,
  detail,
  fix,
});

const marks = { ok: '✓', warn: '⚠', fail: '✗' } as const;

/** The checklist as the operator reads it, with a closing count. */
export function formatReport(results: readonly CheckResult[]): string {
  const lines = results.map(({ status, title, detail, fix }) => {
    const head = `${marks[status]} ${title}${detail ? `: ${detail}` : ''}`;
    return fix && status !== 'ok' ? `${head}\n    fix: ${fix}` : head;
  });
  const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  lines.push('', `doctor: ${count('ok')} ok, ${count('warn')} warnings, ${count('fail')} failed`);
  return lines.join('\n');
}
