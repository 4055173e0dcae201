import type { WireSearchFilter, WireSearchResult } from './wire-common.js';

/** Upper bound on pages fetched by {@link collectAll}, so a server that always says "more" cannot loop us forever. */
const MAX_PAGES = 1000;
const PAGE_SIZE = 100;

/**
 * An `EQUALS` filter. `filterType` is the filter's schema name (e.g.
 * `SourceIdExternalMessengerContactSearchFilter`), `operatorType` the operator's
 * (`EqualsStringOperator` for text fields, `EqualsIdOperator` for id fields).
 */
export function equalsFilter(
  filterType: string,
  field: string,
  operatorType: 'EqualsStringOperator' | 'EqualsIdOperator',
  value: string,
): WireSearchFilter {
  return { $_type: filterType, field, operator: { $_type: operatorType, type: 'EQUALS', value } };
}

/** Follows `nextOffset` while Unblu reports `hasMoreItems`, and returns every item. */
export async function collectAll<T>(
  fetchPage: (offset: number, limit: number) => Promise<WireSearchResult<T> | undefined>,
): Promise<T[]> {
  const items: T[] = [];
  let offset = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await fetchPage(offset, PAGE_SIZE);
    const pageItems = result?.items ?? [];
    items.push(...pageItems);
    const next = result?.nextOffset ?? offset + pageItems.length;
    if (result?.hasMoreItems !== true || pageItems.length === 0 || next <= offset) break;
    offset = next;
  }
  return items;
}
