// A rollup plugin that minifies the CSS inside Lit's css`…` templates (Terser leaves template text
// alone): comments go, and runs of whitespace shrink to what CSS needs. `${…}` parts are kept as
// they are. Only css-tagged templates are touched; html`…` whitespace can matter and is left.

/** Minifies one piece of CSS text (no `${}` inside). */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

/** @returns {import('rollup').Plugin} */
export function minifyCssLiterals({ include = /\.styles\.ts$/ } = {}) {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!include.test(id)) return null;
      const out = code.replace(/\bcss\s*`([^`]*)`/g, (_, body) => {
        // Keep `${…}` expressions verbatim; minify the CSS between them.
        const parts = body.split(/(\$\{[^}]*\})/);
        return `css\`${parts.map((part, i) => (i % 2 ? part : minifyCss(part))).join('')}\``;
      });
      return { code: out, map: null };
    },
  };
}
