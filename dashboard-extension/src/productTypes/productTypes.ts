/**
 * The shop's product types as Saleor has them (PodOps' `saleorProductTypes`, read through to Saleor
 * with the app's token): what the settings keyed by a product type slug pick from, and which saved
 * slugs Saleor still knows.
 */
import { useEffect, useState } from "react";

import { usePodOpsQuery } from "../api/hooks";
import { SaleorProductTypesQuery } from "../graphql/documents";

/** Product types change rarely: an answer is used for five minutes before Saleor is asked again. */
const STALE_MS = 5 * 60_000;
const SEARCH_DELAY_MS = 250;
export const SEARCH_SIZE = 20;
/** PodOps (and Saleor) answer at most 100 per request. */
const KNOWN_MAX = 100;

/** `value`, once it has not changed for `delayMs`. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Product types whose name or slug contains `text` (asked after a pause in typing), once `enabled`. */
export function useProductTypeSearch(text: string, enabled: boolean) {
  const search = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const query = usePodOpsQuery(
    SaleorProductTypesQuery,
    { search: search || null, first: SEARCH_SIZE },
    { enabled, staleTime: STALE_MS },
  );
  return {
    types: query.data?.saleorProductTypes ?? [],
    loading: enabled && query.isFetching,
    error: query.error,
  };
}

/** What Saleor says of saved slugs. */
export type KnownProductTypes = {
  /** Saleor's name of the slug, when it knows it. */
  nameOf: (slug: string) => string | undefined;
  /** Saleor answered and has no product type of this slug (any more). */
  isMissing: (slug: string) => boolean;
  /** Why Saleor could not say (then no slug counts as missing). */
  error: unknown;
};

export const NOTHING_KNOWN: KnownProductTypes = { nameOf: () => undefined, isMissing: () => false, error: null };

/** Which of the saved `slugs` Saleor knows, and their names: one request for the whole list. */
export function useKnownProductTypes(slugs: readonly string[]): KnownProductTypes {
  const wanted = [...new Set(slugs.filter(Boolean))].sort().slice(0, KNOWN_MAX);
  const query = usePodOpsQuery(
    SaleorProductTypesQuery,
    { slugs: wanted, first: KNOWN_MAX },
    { enabled: wanted.length > 0, staleTime: STALE_MS },
  );
  const names = new Map((query.data?.saleorProductTypes ?? []).map((type) => [type.slug, type.name]));
  return {
    nameOf: (slug) => names.get(slug),
    isMissing: (slug) => query.isSuccess && wanted.includes(slug) && !names.has(slug),
    error: query.error,
  };
}

/** "Poster (poster)"; a slug Saleor does not know: "retired (not in Saleor)"; unknown yet: the slug. */
export function productTypeLabel(slug: string, name: string | undefined, missing = false): string {
  if (name) {
    return name === slug ? slug : `${name} (${slug})`;
  }
  return missing ? `${slug} (not in Saleor)` : slug;
}
