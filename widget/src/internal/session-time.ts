import type { CourseSession } from '../../../common/contract.js';
import { textFor } from '../../../common/server-texts.js';
import { formatIn, startsThere, there } from '../../../common/session-time.js';

/** The day a session starts, in its own zone: what the Book button's name says ("14 March"). */
export function sessionDay(startsAt: string, timeZone: string, lang: string | undefined): string {
  return formatIn(lang, { day: 'numeric', month: 'long', timeZone }, new Date(startsAt));
}

/** Whether the page has drawn its first dates: the reader's own time waits for that. */
let drawn = false;
/** What draws the dates again once the page has drawn (each element's, once). */
const waiting = new Set<() => void>();

/** The reader's own time: hours and minutes, their zone named. */
const here: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };

/**
 * When a session starts, in the page's language and in the session's own time zone, the zone named
 * ("Sun, 14 Mar 2027, 10:00 CET"); with the reader's own time beside it when their clock says
 * otherwise ("… (18:00 GMT+9)"). A time is never shown without its zone.
 *
 * The server's text (`startsText`, in the widget's languages) spares the first draw the browser's
 * date formats; when the reader's own time needs them, `later` (if given) is called once they are
 * loaded, after that draw, to draw the dates again with it.
 */
export function sessionWhen(
  session: Pick<CourseSession, 'startsAt' | 'timeZone' | 'startsText' | 'utcOffset'>,
  lang: string | undefined,
  later?: () => void,
): string {
  const at = new Date(session.startsAt);
  const written = textFor(session.startsText, lang);
  const shown = written ?? startsThere(at, session.timeZone, lang);
  // The reader's clock and the session's agree: one time is enough.
  const agree =
    session.utcOffset !== undefined
      ? session.utcOffset === -at.getTimezoneOffset()
      : formatIn(lang, { ...there, timeZone: session.timeZone }, at) === formatIn(lang, there, at);
  if (agree) return shown;
  if (written !== undefined && later && !drawn) {
    // Once the page has drawn (after the next frame, or after a second where no frames come: a
    // page in a background tab), every element that asked meanwhile draws again, once.
    if (!waiting.size) {
      const draw = () => ((drawn = true), waiting.forEach((again) => again()), waiting.clear());
      requestAnimationFrame(() => setTimeout(draw));
      setTimeout(draw, 1_000);
    }
    waiting.add(later);
    return shown;
  }
  return `${shown} (${formatIn(lang, here, at)})`;
}
