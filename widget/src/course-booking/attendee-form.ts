import { css, html, nothing } from 'lit';
import type { Attendee, Course, Question } from '../../../common/contract.js';
import type { BookingHost } from './view.js';

/*
 * Who is coming: before a group's checkout (or a course that asks questions), a modal dialog in
 * the element asks each attendee's name, an optional email and the course's questions; the buyer is
 * prefilled as the first attendee. Part of the flow chunk: none of it loads before the price.
 */

/** How the attendee fields look, wherever they are drawn (the element's dialog, the dashboard's edit form). */
export const attendeeFieldStyles = css`
  fieldset.attendee {
    display: grid;
    gap: 0.5em;
    margin: 0 0 0.75em;
    padding: 0.75em;
    border: var(--_border);
    border-radius: var(--_radius);
  }
  .attendee label {
    display: grid;
    gap: 0.25em;
  }
  .attendee label.check {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  .attendee input:not([type='checkbox']),
  .attendee select {
    font: inherit;
    padding: 0.4em;
    border: var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
  }
`;

/** What the element's dialog asks, and where the answer goes. */
export interface AttendeeAsk {
  course: Course;
  quantity: number;
  /** What the fields hold when the dialog opens: the buyer first, or what was sent before. */
  values: Attendee[];
  /** The server's word on fields sent before (`attendees.1.name`: "must not be empty"). */
  problems: Record<string, string>;
  /** Called once: the attendees, or null when the student closed the dialog. */
  done: (attendees: Attendee[] | null) => void;
}

/** Whether this purchase names its attendees: a group, or a course that asks questions. */
export function asksAttendees(course: Course, quantity: number): boolean {
  return quantity > 1 || (course.questions?.length ?? 0) > 0;
}

/** The buyer, from their sign-in token: their address (and name, where the token has one) prefill the first attendee. */
export function buyerOf(token: string): Attendee {
  try {
    const part = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { email?: unknown; name?: unknown };
    return {
      name: typeof claims.name === 'string' ? claims.name : '',
      ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
      answers: {},
    };
  } catch {
    return { name: '', answers: {} };
  }
}

/** Opens the dialog on the element and waits for the student: the attendees, or null when they closed it. */
export function askAttendees(
  host: BookingHost,
  course: Course,
  quantity: number,
  values: Attendee[],
  problems: Record<string, string> = {},
): Promise<Attendee[] | null> {
  return new Promise((resolve) => {
    host.asking = {
      course,
      quantity,
      values,
      problems,
      done: (attendees) => {
        host.asking = undefined;
        host.requestUpdate();
        resolve(attendees);
      },
    };
    host.requestUpdate();
    void host.updateComplete.then(() => {
      const dialog = host.renderRoot.querySelector<HTMLDialogElement>('dialog.attendees');
      if (dialog && !dialog.open) dialog.showModal();
      // The first field the server refused, or the first empty one.
      const first =
        dialog?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        [...(dialog?.querySelectorAll<HTMLInputElement>('input, select') ?? [])].find((f) => !f.value);
      first?.focus();
    });
  });
}

/** The words the attendee fields use: the widget's flow messages and the dashboard's both have them. */
export interface AttendeeLabels {
  attendee: string;
  name: string;
  emailOptional: string;
  optional: string;
}

/** Reads a form of attendee fields back as attendees: the name, the email if any, each answer of its question's kind. */
export function readAttendees(form: HTMLFormElement, quantity: number, questions: Question[]): Attendee[] {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  return Array.from({ length: quantity }, (_, i) => {
    const answers: Attendee['answers'] = {};
    for (const q of questions) {
      const field = `a${i}-${q.id}`;
      if (q.type === 'checkbox') answers[q.id] = data.get(field) === 'on';
      else if (text(field)) answers[q.id] = text(field);
    }
    const email = text(`a${i}-email`);
    return { name: text(`a${i}-name`), ...(email ? { email } : {}), answers };
  });
}

/** A fieldset per attendee: the name, an optional email, the course's questions; the server's word beside a field it refused. */
export function renderAttendeeFields(
  quantity: number,
  questions: Question[],
  values: Attendee[],
  problems: Record<string, string>,
  labels: AttendeeLabels,
) {
  return Array.from({ length: quantity }, (_, i) => renderAttendee(i, questions, values[i], problems, labels));
}

/** The dialog, while the element asks; nothing otherwise. */
export function renderAttendeeForm(host: BookingHost) {
  const ask = host.asking;
  if (!ask) return nothing;
  const { t } = host;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    ask.done(readAttendees(event.target as HTMLFormElement, ask.quantity, ask.course.questions ?? []));
  };
  return html`<dialog
    class="attendees"
    aria-labelledby="cb-attendees-title"
    @cancel=${(event: Event) => {
      event.preventDefault();
      ask.done(null);
    }}
  >
    <form @submit=${submit}>
      <h2 id="cb-attendees-title">${t.whoIsComing}</h2>
      ${renderAttendeeFields(ask.quantity, ask.course.questions ?? [], ask.values, ask.problems, t)}
      <div class="buttons">
        <button type="button" class="cancel" @click=${() => ask.done(null)}>${t.cancel}</button>
        <button type="submit">${t.continueToPayment}</button>
      </div>
    </form>
  </dialog>`;
}

function renderAttendee(
  i: number,
  questions: Question[],
  value: Attendee | undefined,
  problems: Record<string, string>,
  t: AttendeeLabels,
) {
  return html`<fieldset class="attendee">
    <legend>${t.attendee.replace('{n}', String(i + 1))}</legend>
    ${field(`a${i}-name`, t.name, problems[`attendees.${i}.name`], (id, invalid) =>
      input(id, 'text', value?.name ?? '', true, invalid, 'name'),
    )}
    ${field(`a${i}-email`, t.emailOptional, problems[`attendees.${i}.email`], (id, invalid) =>
      input(id, 'email', value?.email ?? '', false, invalid, 'email'),
    )}
    ${questions.map((q) =>
      renderQuestion(`a${i}-${q.id}`, q, value?.answers[q.id], problems[`attendees.${i}.answers.${q.id}`], t),
    )}
  </fieldset>`;
}

function renderQuestion(
  id: string,
  q: Question,
  value: string | boolean | undefined,
  problem: string | undefined,
  t: AttendeeLabels,
) {
  const label = q.required || q.type === 'checkbox' ? q.label : `${q.label} ${t.optional}`;
  if (q.type === 'checkbox') {
    return html`<label class="check"
        ><input
          type="checkbox"
          name=${id}
          ?required=${q.required}
          .checked=${value === true}
          aria-invalid=${problem ? 'true' : 'false'}
        />${label}</label
      >${problem ? html`<span class="problem">${problem}</span>` : nothing}`;
  }
  return field(id, label, problem, (fieldId, invalid) =>
    q.type === 'select'
      ? html`<select id=${fieldId} name=${fieldId} ?required=${q.required} aria-invalid=${invalid}>
          <option value="" ?selected=${!value}></option>
          ${q.options?.map((o) => html`<option ?selected=${value === o}>${o}</option>`)}
        </select>`
      : input(fieldId, 'text', typeof value === 'string' ? value : '', q.required, invalid),
  );
}

/** A labelled field, with the server's word on it beside when it refused it. */
function field(
  id: string,
  label: string,
  problem: string | undefined,
  control: (id: string, invalid: string) => unknown,
) {
  return html`<label for=${id}>${label} ${control(id, problem ? 'true' : 'false')}</label>${
      problem ? html`<span class="problem">${problem}</span>` : nothing
    }`;
}

function input(id: string, type: string, value: string, required: boolean, invalid: string, autocomplete = 'off') {
  return html`<input
    id=${id}
    name=${id}
    type=${type}
    .value=${value}
    ?required=${required}
    aria-invalid=${invalid}
    autocomplete=${autocomplete}
    maxlength=${type === 'email' ? 320 : 200}
  />`;
}
