import { css } from 'lit';

/**
 * The design tokens both elements share: `--cb-*` custom properties with defaults, and the
 * `theme` attribute (`light`, `dark`, `auto`). Unset, the elements inherit the page's colours.
 */
export const themeStyles = css`
  :host {
    display: block;
    --_accent: var(--cb-accent, #4f46e5);
    --_text: var(--cb-text, currentColor);
    --_bg: var(--cb-background, transparent);
    --_radius: var(--cb-radius, 0.5em);
    --_space: var(--cb-spacing, 1em);
    --_border: var(--cb-border, 1px solid color-mix(in srgb, currentColor 15%, transparent));
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='light']) {
    --_text: var(--cb-text, #111827);
    --_bg: var(--cb-background, #ffffff);
  }
  :host([theme='dark']) {
    --_accent: var(--cb-accent, #818cf8);
    --_text: var(--cb-text, #f3f4f6);
    --_bg: var(--cb-background, #1f2937);
    --_border: var(--cb-border, 1px solid #374151);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_accent: var(--cb-accent, #818cf8);
      --_text: var(--cb-text, #f3f4f6);
      --_bg: var(--cb-background, #1f2937);
      --_border: var(--cb-border, 1px solid #374151);
    }
  }
`;
