import { badRequest } from '../unblu-error.js';

type Scalar = string | number | boolean | null;

/** A search filter as Unblu's `…Query.searchFilters` carry it (field + typed operator). */
export interface SearchFilter {
  field: string;
  operator: {
    type: string;
    value?: Scalar;
    values?: Scalar[] | null;
    caseSensitive?: boolean | null;
    minimum?: number | null;
    maximum?: number | null;
  };
}

export interface SearchQuery {
  searchFilters?: SearchFilter[] | null;
  offset?: number | null;
  limit?: number | null;
}

export interface SearchPage<T> {
  items: T[];
  hasMoreItems: boolean;
  nextOffset: number | null;
}

/** Which filter fields an entity supports and how to read each from a record. */
export type SearchFields<T> = Record<string, (item: T) => Scalar>;

/** Page size when a query names none; Unblu documents no default, so this is the simulator's. */
export const DEFAULT_SEARCH_LIMIT = 50;

/**
 * Filters (all filters must match) and pages `items` in their stored order. `orderBy` is not
 * simulated. Unknown fields and unsupported operators are rejected with 400.
 */
export function search<T>(items: readonly T[], query: SearchQuery, fields: SearchFields<T>): SearchPage<T> {
  const filters = query.searchFilters ?? [];
  filters.forEach((filter, index) => {
    if (!(filter.field in fields)) {
      throw badRequest(`searchFilters[${index}].field: '${filter.field}' is not a searchable field here`);
    }
  });
  const hits = items.filter((item) => filters.every((f) => matches(fields[f.field](item), f.operator)));
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
  const page = hits.slice(offset, offset + limit);
  const hasMoreItems = offset + limit < hits.length;
  return { items: page, hasMoreItems, nextOffset: hasMoreItems ? offset + limit : null };
}

function matches(value: Scalar, operator: SearchFilter['operator']): boolean {
  const { type } = operator;
  switch (type) {
    case 'EQUALS':
      return value === operator.value;
    case 'NOT_EQUALS':
      return value !== operator.value;
    case 'IN':
      return (operator.values ?? []).includes(value);
    case 'NOT_IN':
      return !(operator.values ?? []).includes(value);
    case 'IS_NULL':
      return value === null;
    case 'IS_NOT_NULL':
      return value !== null;
    default:
      return matchesOrdered(value, operator);
  }
}

function matchesOrdered(value: Scalar, operator: SearchFilter['operator']): boolean {
  const wanted = operator.value;
  switch (operator.type) {
    case 'CONTAINS':
      return contains(value, wanted, operator.caseSensitive ?? false);
    case 'STARTS_WITH':
      return typeof value === 'string' && typeof wanted === 'string' && value.startsWith(wanted);
    case 'GREATER_THAN':
      return typeof value === 'number' && typeof wanted === 'number' && value > wanted;
    case 'LOWER_THAN':
      return typeof value === 'number' && typeof wanted === 'number' && value < wanted;
    case 'GREATER_THAN_OR_NULL':
      return value === null || (typeof value === 'number' && typeof wanted === 'number' && value > wanted);
    case 'LOWER_THAN_OR_NULL':
      return value === null || (typeof value === 'number' && typeof wanted === 'number' && value < wanted);
    case 'IN_RANGE':
      return inRange(value, operator);
    case 'NOT_IN_RANGE':
      return !inRange(value, operator);
    default:
      throw badRequest(`search operator '${operator.type}' is not supported by the simulator`);
  }
}

function contains(value: Scalar, wanted: Scalar | undefined, caseSensitive: boolean): boolean {
  if (typeof value !== 'string' || typeof wanted !== 'string') return false;
  return caseSensitive ? value.includes(wanted) : value.toLowerCase().includes(wanted.toLowerCase());
}

function inRange(value: Scalar, operator: SearchFilter['operator']): boolean {
  if (typeof value !== 'number') return false;
  return value >= (operator.minimum ?? -Infinity) && value <= (operator.maximum ?? Infinity);
}
