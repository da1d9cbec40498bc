/** Defines a custom element once: loading widget.js twice must not throw into the host page. */
export function defineElement(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
