import type { Document } from 'mongodb';

/** A query as the index check sees it: where, what filter, what order; values replaced by `?`. */
export interface QueryShape {
  collection: string;
  command: string;
  filter: Document;
  sort?: Document;
  /** An aggregation's stages after the first `$match` (names only). */
  stages?: string[];
  maxTimeMS?: boolean;
  /** The test file that first sent it. */
  seenIn?: string;
}

/** The shape of one command, or undefined for commands that read by no filter (insert, getMore, admin). */
export function shapeOf(commandName: string, command: Document): QueryShape | undefined {
  const collection = command[commandName] as unknown;
  if (typeof collection !== 'string') return undefined;
  const timed = { maxTimeMS: typeof command.maxTimeMS === 'number' };
  switch (commandName) {
    case 'find':
      return { collection, command: 'find', filter: blank(command.filter ?? {}), ...sortOf(command.sort), ...timed };
    case 'count':
    case 'distinct':
      return { collection, command: commandName, filter: blank(command.query ?? {}), ...timed };
    case 'findAndModify':
      return {
        collection,
        command: 'findAndModify',
        filter: blank(command.query ?? {}),
        ...sortOf(command.sort),
        ...timed,
      };
    case 'update':
      return { collection, command: 'update', filter: blank((command.updates as Document[])[0]?.q ?? {}) };
    case 'delete':
      return { collection, command: 'delete', filter: blank((command.deletes as Document[])[0]?.q ?? {}) };
    case 'aggregate': {
      const pipeline = command.pipeline as Document[];
      const match = pipeline[0]?.$match as Document | undefined;
      const rest = pipeline.slice(match ? 1 : 0);
      const sort = rest[0]?.$sort as Document | undefined;
      return {
        collection,
        command: 'aggregate',
        filter: blank(match ?? {}),
        ...sortOf(sort),
        stages: rest.map((stage) => Object.keys(stage)[0]!),
        ...timed,
      };
    }
    default:
      return undefined;
  }
}

function sortOf(sort: Document | Map<string, unknown> | undefined) {
  const entries = sort instanceof Map ? [...sort.entries()] : Object.entries(sort ?? {});
  return entries.length > 0 ? { sort: Object.fromEntries(entries) as Document } : {};
}

/** The filter with every value replaced by `?`, keeping fields and operators. */
function blank(filter: Document): Document {
  const out: Document = {};
  for (const [field, value] of Object.entries(filter)) {
    if (field === '$or' || field === '$and' || field === '$nor') out[field] = (value as Document[]).map(blank);
    else if (isOperators(value)) out[field] = Object.fromEntries(Object.keys(value).map((op) => [op, '?']));
    else out[field] = '?';
  }
  return out;
}

function isOperators(value: unknown): value is Document {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((key) => key.startsWith('$'))
  );
}
