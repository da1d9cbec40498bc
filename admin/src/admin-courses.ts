import { LitElement, css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { AdminApi, AdminCourse } from './api.js';
import { money, toMajorUnits, toMinorUnits } from './format.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { field, markInvalid } from './form-fields.js';
import { AdminQuestions } from './admin-questions.js';
import './admin-sessions.js';
import './admin-waitlist.js';
import { consoleStyles } from './styles.js';

const currencies = ['usd', 'eur', 'gbp', 'jpy', 'chf', 'cad', 'aud', 'sek', 'nok', 'dkk', 'pln', 'inr', 'brl', 'mxn'];

const blank: AdminCourse = {
  id: '',
  title: '',
  description: '',
  price: 0,
  currency: 'usd',
  active: true,
  capacity: null,
  maxPerOrder: 1,
  questions: [],
  waitlistOfferHours: 24,
  allowPromotionCodes: false,
  invoiceCreation: false,
  taxIdCollection: false,
  reminderHours: 24,
  soldOut: false,
};

/**
 * Courses: every course (archived too), and a form to create or edit one: price in major units
 * (stored in minor units, JPY without decimals), capacity, promotion codes, archive. Beside it, the
 * real `<course-booking>` element for the course, shown again after each save.
 */
export class AdminCourses extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .editor {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 22rem);
        gap: 1.5rem;
        align-items: start;
      }
      @media (max-width: 48rem) {
        .editor {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      form.course {
        display: grid;
        gap: 0.8rem;
      }
      .questions {
        display: grid;
        gap: 0.8rem;
        border: 1px solid var(--line);
        border-radius: 0.5rem;
      }
      .question {
        display: grid;
        gap: 0.5rem;
        padding-bottom: 0.8rem;
        border-bottom: 1px dashed var(--line);
      }
      .question button,
      .add-question {
        justify-self: start;
      }
      .preview {
        border: 1px dashed var(--line);
        border-radius: 0.5rem;
        padding: 1rem;
      }
      .preview iframe {
        border: 0;
        width: 100%;
        height: 14rem;
      }
    `,
  ];
  static override properties = {
    api: { attribute: false },
    courseId: { attribute: false },
    courses: { state: true },
    fields: { state: true },
    saving: { state: true },
    message: { state: true },
    problem: { state: true },
    previewVersion: { state: true },
  };

  api!: AdminApi;
  /** The course being edited (`new` for a new one), from the address. */
  courseId: string | undefined;
  private courses: AdminCourse[] = [];
  private fields: Record<string, string> = {};
  private saving = false;
  private message = '';
  private problem = '';
  /** Changes on every save, so the preview element is made anew and reads the course again. */
  private previewVersion = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.courses = (await this.api.get<{ courses: AdminCourse[] }>('/courses')).courses;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  private get editing(): AdminCourse | undefined {
    if (this.courseId === 'new') return blank;
    return this.courses.find((c) => c.id === this.courseId);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('courseId')) {
      this.fields = {};
      this.message = '';
    }
  }

  private async handleSave(event: SubmitEvent) {
    event.preventDefault();
    const editing = this.editing!;
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const id = this.courseId === 'new' ? text('id') : editing.id;
    const currency = text('currency').toLowerCase();
    const price = toMinorUnits(text('price'), currency);
    const capacity = text('capacity');
    if (price === null) {
      this.fields = {
        price: `must be an amount in ${currency.toUpperCase()}, such as ${toMajorUnits(4900, currency)}`,
      };
      return;
    }
    this.saving = true;
    this.message = '';
    try {
      const saved = await this.api.put<AdminCourse>(`/courses/${encodeURIComponent(id)}`, {
        title: text('title'),
        description: String(data.get('description') ?? ''),
        price,
        currency,
        capacity: capacity ? Number(capacity) : null,
        maxPerOrder: Number(text('maxPerOrder') || 1),
        questions: AdminQuestions.read(data),
        waitlistOfferHours: Number(text('waitlistOfferHours') || 24),
        allowPromotionCodes: data.get('allowPromotionCodes') === 'on',
        invoiceCreation: data.get('invoiceCreation') === 'on',
        taxIdCollection: data.get('taxIdCollection') === 'on',
        // Kept as it is: a save here never drops the course's cancellation policy.
        cancellationPolicy: editing.cancellationPolicy ?? null,
        reminderHours: Number(data.get('reminderHours') ?? 24),
        imageUrl: text('imageUrl') || null,
        pageUrl: text('pageUrl') || null,
        active: data.get('active') === 'on',
      });
      this.fields = {};
      this.message = `Saved ${saved.title}: ${saved.price === 0 ? 'free' : money(saved.price, saved.currency)}${
        saved.active ? '' : ' (archived)'
      }${saved.unseated ? `. ${saved.unseated} sold bookings found no seat under the new limit.` : ''}`;
      await this.load();
      // The browser keeps a course for a minute: read it anew, so the preview shows what was saved.
      await fetch(`/api/courses/${encodeURIComponent(saved.id)}`, { cache: 'reload' }).catch(() => undefined);
      this.previewVersion += 1;
      if (this.courseId === 'new') location.hash = `#/courses/${encodeURIComponent(saved.id)}`;
    } catch (error) {
      const failure = error as Error & { fields?: Record<string, string> };
      this.fields = AdminQuestions.fieldsOf(failure.fields ?? {});
      this.message = Object.keys(this.fields).length ? 'Some fields need a change.' : failure.message;
    } finally {
      this.saving = false;
    }
  }

  override render() {
    const editing = this.editing;
    return html`<h1 tabindex="-1">Courses</h1>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${editing ? this.renderEditor(editing) : this.renderList()}`;
  }

  private renderList() {
    return html`<div class="actions"><a href="#/courses/new">New course</a></div>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Course</th>
              <th scope="col" class="num">Price</th>
              <th scope="col">Seats</th>
              <th scope="col">Codes</th>
              <th scope="col">For sale</th>
            </tr>
          </thead>
          <tbody>
            ${this.courses.map(
              (c) =>
                html`<tr>
                  <td class="wrap">
                    <a href="#/courses/${encodeURIComponent(c.id)}">${c.title}</a> <code>${c.id}</code>
                  </td>
                  <td class="num">${c.price === 0 ? 'Free' : money(c.price, c.currency)}</td>
                  <td>${c.capacity === null ? 'No limit' : `${c.seatsLeft ?? 0} of ${c.capacity} left`}</td>
                  <td>${c.allowPromotionCodes ? 'Yes' : 'No'}</td>
                  <td>${c.active ? 'Yes' : html`<span class="status failed">archived</span>`}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderEditor(course: AdminCourse) {
    const isNew = this.courseId === 'new';
    return html`<p><a href="#/courses">All courses</a></p>
      <div class="editor">
        <form class="course" novalidate @submit=${this.handleSave}>
          <h2>${isNew ? 'New course' : course.title}</h2>
          ${
            isNew
              ? this.field(
                  'id',
                  'Id (in the embed code: course="…")',
                  html`<input name="id" required pattern="[a-z0-9-]+" />`,
                )
              : nothing
          }
          ${this.field('title', 'Title', html`<input name="title" required .value=${course.title} />`)}
          ${this.field('description', 'Description', html`<textarea name="description" .value=${course.description}></textarea>`)}
          ${this.field(
            'imageUrl',
            'Picture for shared links (https address, optional)',
            html`<input name="imageUrl" type="url" .value=${course.imageUrl ?? ''} />`,
          )}
          ${this.field(
            'pageUrl',
            'Its page on your site (the hosted page names it canonical; optional)',
            html`<input name="pageUrl" type="url" .value=${course.pageUrl ?? ''} />`,
          )}
          ${this.field(
            'price',
            'Price (0 is free)',
            html`<input
              name="price"
              inputmode="decimal"
              required
              .value=${toMajorUnits(course.price, course.currency)}
            />`,
          )}
          ${this.field(
            'currency',
            'Currency',
            html`<select name="currency">
              ${[...new Set([course.currency, ...currencies])].map(
                (c) => html`<option value=${c} ?selected=${c === course.currency}>${c.toUpperCase()}</option>`,
              )}
            </select>`,
          )}
          ${this.field(
            'capacity',
            'Seats (empty: no limit)',
            html`<input
              name="capacity"
              type="number"
              min="1"
              max="100000"
              .value=${course.capacity === null ? '' : String(course.capacity)}
            />`,
          )}
          ${this.field(
            'maxPerOrder',
            'Seats one purchase may buy (1 to 20; more than 1: a group names each attendee)',
            html`<input name="maxPerOrder" type="number" min="1" max="20" .value=${String(course.maxPerOrder)} />`,
          )}
          ${this.field(
            'waitlistOfferHours',
            'Hours a freed seat is held for the next on the waiting list',
            html`<input
              name="waitlistOfferHours"
              type="number"
              min="1"
              max="168"
              .value=${String(course.waitlistOfferHours)}
            />`,
          )}
          ${keyed(course.id, html`<admin-questions .questions=${course.questions} .errors=${this.fields}></admin-questions>`)}
          ${this.field(
            'reminderHours',
            'Reminder email, hours before each date (0: none)',
            html`<input name="reminderHours" type="number" min="0" max="168" .value=${String(course.reminderHours)} />`,
          )}
          <label class="check"
            ><input type="checkbox" name="allowPromotionCodes" ?checked=${course.allowPromotionCodes} /> Takes promotion
            codes</label
          >
          <label class="check"
            ><input type="checkbox" name="invoiceCreation" ?checked=${course.invoiceCreation} /> Stripe creates an
            invoice for each payment</label
          >
          <label class="check"
            ><input type="checkbox" name="taxIdCollection" ?checked=${course.taxIdCollection} /> Checkout asks a
            business for its tax ID (VAT number)</label
          >
          <label class="check"
            ><input type="checkbox" name="active" ?checked=${course.active} /> For sale (unchecked: archived)</label
          >
          <div class="actions"><button ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Save'}</button></div>
          <p role="status" aria-live="polite">${this.message}</p>
        </form>
        ${isNew ? nothing : this.renderPreview(course)}
      </div>
      ${
        isNew
          ? nothing
          : keyed(course.id, html`<admin-waitlist .api=${this.api} .courseId=${course.id}></admin-waitlist>`)
      }
      ${isNew ? nothing : keyed(course.id, html`<admin-sessions .api=${this.api} .courseId=${course.id}></admin-sessions>`)}`;
  }

  private field(name: string, label: string, control: unknown) {
    return field(name, label, control, this.fields);
  }

  override updated(): void {
    // The API's complaint belongs to its control: marked invalid, described by the message.
    markInvalid(this.renderRoot, this.fields);
  }

  private renderPreview(course: AdminCourse) {
    // A page of its own, as a site would show it: made anew after each save, so it reads the course again.
    const src = `/admin/preview?course=${encodeURIComponent(course.id)}`;
    return html`<section class="preview" aria-label="Preview">
      <h2>Preview</h2>
      <p class="note">The element as a site shows it (not clickable here).</p>
      ${keyed(
        `${course.id}:${this.previewVersion}`,
        html`<iframe src=${src} title="Preview of ${course.title}" inert></iframe>`,
      )}
    </section>`;
  }
}

defineElement('admin-courses', AdminCourses);

declare global {
  interface HTMLElementTagNameMap {
    'admin-courses': AdminCourses;
  }
}
