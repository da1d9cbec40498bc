/** An index a store's queries rely on, declared beside those queries (see `indexes.ts`). */
export interface IndexSpec {
  collection: string;
  name: string;
  key: Record<string, 1 | -1>;
  unique?: boolean;
}
