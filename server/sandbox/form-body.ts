/** A value of a form body in Stripe's bracket notation: `a[b][0][c]=x`. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** Parses `application/x-www-form-urlencoded` with bracket keys into nested objects and arrays. */
export function parseFormBody(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, FormValue> | FormValue[] = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const container = node as Record<string, FormValue>;
      if (last) {
        container[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[i + 1] ?? '');
      container[part] ??= nextIsIndex ? [] : {};
      node = container[part] as Record<string, FormValue>;
    });
  }
  return root;
}

/** Reads a nested value (a string, an object or a list), or undefined. */
export function nodeAt(value: FormValue | undefined, ...path: Array<string | number>): FormValue | undefined {
  let node: FormValue | undefined = value;
  for (const key of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = (node as Record<string, FormValue>)[key];
  }
  return node;
}

/** Reads a nested string, or undefined. */
export function stringAt(value: FormValue | undefined, ...path: Array<string | number>): string | undefined {
  let node: FormValue | undefined = value;
  for (const key of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = (node as Record<string, FormValue>)[key];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Reads a nested flat object of strings (metadata), or an empty one. */
export function recordAt(value: FormValue | undefined, key: string): Record<string, string> {
  const node = value && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
  if (!node || typeof node !== 'object' || Array.isArray(node)) return {};
  return Object.fromEntries(Object.entries(node).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
