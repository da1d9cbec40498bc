import { html, nothing, type TemplateResult } from 'lit';

/** A labelled control with the API's (or the form's own) message for it beside it. */
export function field(name: string, label: string, control: unknown, errors: Record<string, string>): TemplateResult {
  const error = errors[name];
  return html`<label data-field=${name}
    >${label} ${control} ${error ? html`<span class="field-error" id="${name}-error">${error}</span>` : nothing}</label
  >`;
}

/** Marks each control whose field has a message invalid and described by that message. */
export function markInvalid(root: ParentNode, errors: Record<string, string>): void {
  for (const label of root.querySelectorAll<HTMLLabelElement>('label[data-field]')) {
    const control = label.querySelector('input, select, textarea');
    const name = label.dataset.field!;
    control?.setAttribute('aria-invalid', errors[name] ? 'true' : 'false');
    if (errors[name]) control?.setAttribute('aria-describedby', `${name}-error`);
    else control?.removeAttribute('aria-describedby');
  }
}
