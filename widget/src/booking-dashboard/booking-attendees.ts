import { html, nothing } from 'lit';
import type { Attendee, Booking, Question } from '../../../common/contract.js';
import { editAttendees } from '../api/bookings.js';
import { ApiError, fetchCourse, forgetCourse } from '../api/client.js';
import { readAttendees, renderAttendeeFields } from '../course-booking/attendee-form.js';
import type { DashboardMessages } from './dashboard-messages.js';

/** A change of who is coming under way: the course's questions (null: loading), and what the server said. */
export interface EditingAttendees {
  id: string;
  questions: Question[] | null;
  sending: boolean;
  /** The server's word by field (`attendees.1.name`); `form` for one about the whole. */
  problems: Record<string, string>;
  /** What the form held when it was sent: shown again beside the server's word. */
  values: Attendee[] | null;
}

/** What the attendee section's buttons do. */
export interface AttendeeActions {
  start: () => void;
  save: (attendees: Attendee[]) => void;
  keep: () => void;
}

/**
 * Who is coming: each attendee's name (and address, and answers), and, until the session starts
 * (an undated course: for 14 days), Change attendees, the same fields as at purchase.
 */
export function renderAttendees(
  booking: Booking,
  editing: EditingAttendees | null,
  saved: boolean,
  t: DashboardMessages,
  actions: AttendeeActions,
) {
  const attendees = booking.attendees ?? [];
  if (attendees.length === 0 && booking.quantity < 2) return nothing;
  const list = html`<h4>${t.attendees}</h4>
    <ol class="attendees">
      ${attendees.map((a) => html`<li>${a.name}${a.email ? html` · ${a.email}` : nothing}</li>`)}
    </ol>
    ${saved ? html`<p role="status">${t.attendeesSaved}</p>` : nothing}`;
  if (!booking.attendeesUntil) return list;
  if (editing?.id !== booking.id) {
    return html`${list}<button type="button" @click=${actions.start}>${t.changeAttendees}</button>`;
  }
  if (!editing.questions)
    return html`${list}
      <p role="status">${t.loading}</p>`;
  const questions = editing.questions;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    actions.save(readAttendees(event.target as HTMLFormElement, booking.quantity, questions));
  };
  return html`<h4>${t.attendees}</h4>
    <form class="attendees-form" @submit=${submit}>
      ${editing.problems.form ? html`<p role="alert">${editing.problems.form}</p>` : nothing}
      ${renderAttendeeFields(booking.quantity, questions, editing.values ?? attendees, editing.problems, t)}
      <button type="submit" ?disabled=${editing.sending}>${t.saveAttendees}</button>
      <button type="button" class="link" @click=${actions.keep}>${t.cancelKeep}</button>
    </form>`;
}

/** The course's questions, read afresh (the operator may have changed them); none for a course no longer sold. */
export async function questionsOf(api: string, courseId: string): Promise<Question[]> {
  forgetCourse(api, courseId);
  try {
    return (await fetchCourse(api, courseId)).questions ?? [];
  } catch (error) {
    if (error instanceof ApiError && error.code === 'course_unavailable') return [];
    throw error;
  }
}

/**
 * Sends the attendees: the booking after, or the server's word by field (what was typed kept),
 * or on the whole when the window closed meanwhile.
 */
export async function saveAttendees(
  api: string,
  token: string,
  id: string,
  attendees: Attendee[],
): Promise<{ booking: Booking } | { problems: Record<string, string>; values: Attendee[] }> {
  try {
    return await editAttendees(api, token, id, attendees);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const fields = error.body?.fields as Record<string, string> | undefined;
    if (error.code === 'invalid_request' && fields) return { problems: fields, values: attendees };
    if (error.code === 'attendees_locked') return { problems: { form: error.message }, values: attendees };
    throw error;
  }
}
