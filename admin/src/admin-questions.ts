import { LitElement, html, nothing } from 'lit';
import type { Question } from '../../common/contract.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { field } from './form-fields.js';

/** The most questions a course asks (the API's limit too). */
const most = 5;

/** A question as its row of the form holds it: the options as one line, comma-separated. */
interface Row {
  id: string;
  label: string;
  type: Question['type'];
  options: string;
  required: boolean;
}

const toRow = (q: Question): Row => ({ ...q, options: (q.options ?? []).join(', ') });

/**
 * The questions a course asks each attendee, inside the course form: a row per question (its text,
 * kind, options for a choice, required), up to five, added and removed here and saved with the
 * course. Light DOM, so its fields belong to the course's form (and its API messages to them).
 */
export class AdminQuestions extends LitElement {
  static override properties = {
    questions: { attribute: false },
    errors: { attribute: false },
    rows: { state: true },
  };

  /** The course's questions when the form opened. */
  questions: Question[] = [];
  /** The API's messages by field (`questions.0.options`). */
  errors: Record<string, string> = {};
  private rows: Row[] = [];

  override createRenderRoot() {
    return this;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('questions')) this.rows = this.questions.map(toRow);
  }

  /** The API's messages on questions (`questions.0.options`) also under their fields' names (`q0-options`). */
  static fieldsOf(api: Record<string, string>): Record<string, string> {
    const named: Record<string, string> = { ...api };
    for (const [key, message] of Object.entries(api)) {
      const found = /^questions\.(\d+)\.(\w+)/.exec(key);
      if (found) named[`q${found[1]}-${found[2] === 'id' ? 'label' : found[2]}`] = message;
      else if (key.startsWith('questions')) named.questions = message;
    }
    return named;
  }

  /** The questions as the form now holds them, for the course's save. */
  static read(data: FormData): Question[] {
    const questions: Question[] = [];
    for (let i = 0; data.has(`q${i}-label`); i += 1) {
      const text = (name: string) => String(data.get(`q${i}-${name}`) ?? '').trim();
      const type = text('type') as Question['type'];
      const label = text('label');
      const options = text('options')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      questions.push({
        id: text('id') || slugOf(label, i),
        label,
        type,
        ...(type === 'select' ? { options } : {}),
        required: data.get(`q${i}-required`) === 'on',
      });
    }
    return questions;
  }

  private add() {
    this.rows = [...this.readRows(), { id: '', label: '', type: 'text', options: '', required: false }];
    void this.updateComplete.then(() =>
      this.querySelector<HTMLInputElement>(`[name="q${this.rows.length - 1}-label"]`)?.focus(),
    );
  }

  private removeRow(index: number) {
    this.rows = this.readRows().filter((_, i) => i !== index);
    void this.updateComplete.then(() => this.querySelector<HTMLButtonElement>('.add-question')?.focus());
  }

  /** What the rows hold now (typed, not yet saved): kept when one is added or removed. */
  private readRows(): Row[] {
    const form = this.closest('form');
    if (!form) return this.rows;
    return AdminQuestions.read(new FormData(form)).map((q, i) => ({
      ...toRow(q),
      id: this.rows[i]?.id ?? '',
      options: String(new FormData(form).get(`q${i}-options`) ?? ''),
    }));
  }

  override render() {
    return html`<fieldset class="questions">
      <legend>Questions to each attendee (up to ${most})</legend>
      ${this.rows.length === 0 ? html`<p class="note">None: a group names each attendee only.</p>` : nothing}
      ${this.rows.map((row, i) => this.renderRow(row, i))}
      ${
        this.rows.length < most
          ? html`<button type="button" class="secondary add-question" @click=${this.add}>Add a question</button>`
          : nothing
      }
      ${this.errors.questions ? html`<p class="field-error">${this.errors.questions}</p>` : nothing}
    </fieldset>`;
  }

  private renderRow(row: Row, i: number) {
    const name = (part: string) => `q${i}-${part}`;
    const errors = this.errors;
    return html`<div class="question" role="group" aria-label="Question ${i + 1}">
      <input type="hidden" name=${name('id')} .value=${row.id} />
      ${field(name('label'), `Question ${i + 1}`, html`<input name=${name('label')} required .value=${row.label} />`, errors)}
      ${field(
        name('type'),
        'Kind',
        html`<select name=${name('type')}>
          ${(['text', 'select', 'checkbox'] as const).map(
            (type) =>
              html`<option value=${type} ?selected=${row.type === type}>
                ${{ text: 'Text', select: 'One of a list', checkbox: 'Checkbox' }[type]}
              </option>`,
          )}
        </select>`,
        errors,
      )}
      ${field(
        name('options'),
        'Options, comma-separated (for a list)',
        html`<input name=${name('options')} .value=${row.options} />`,
        errors,
      )}
      <label class="check"><input type="checkbox" name=${name('required')} ?checked=${row.required} /> Required</label>
      <button type="button" class="secondary" @click=${() => this.removeRow(i)}>Remove question ${i + 1}</button>
    </div>`;
  }
}

/** A new question's id: from its text (lower-case words joined by dashes), unique by its place. */
function slugOf(label: string, index: number): string {
  const slug = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30);
  return `${slug || 'question'}-${index + 1}`;
}

defineElement('admin-questions', AdminQuestions);

declare global {
  interface HTMLElementTagNameMap {
    'admin-questions': AdminQuestions;
  }
}
