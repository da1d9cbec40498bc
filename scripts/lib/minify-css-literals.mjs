// A rollup plugin that minifies the CSS inside Lit's css`…` templates (Terser leaves template text
// alone): comments go, and runs of whitespace shrink to what CSS needs. `${…}` parts are kept as
// they are. In html`…` templates only line breaks and their indentation fold (see below).

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

/**
 * A rollup plugin that folds each line break and its indentation in the text of tagged templates
 * (Lit's html`…`; css`…` has none left) into one space, in the minified chunks: HTML collapses that
 * whitespace anyway (no template writes text inside a <pre> or <textarea>), and it is what a host page
 * downloads before the price. Untagged template strings are left as they are.
 */
export function collapseHtmlIndentation() {
  return {
    name: 'collapse-html-indentation',
    renderChunk(code) {
      const quasis = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression') quasis.push(...node.quasi.quasis);
        for (const value of Object.values(node)) {
          if (Array.isArray(value)) value.forEach(visit);
          else if (value && typeof value.type === 'string') visit(value);
        }
      };
      visit(this.parse(code));
      let out = code;
      for (const { start, end } of quasis.sort((a, b) => b.start - a.start)) {
        out = out.slice(0, start) + out.slice(start, end).replace(/\n[ \t]*/g, ' ') + out.slice(end);
      }
      return { code: out, map: null };
    },
  };
}
