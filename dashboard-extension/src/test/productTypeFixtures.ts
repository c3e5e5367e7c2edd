/** The shop's product types in Saleor, as PodOps' `saleorProductTypes` answers them. */

export const SHOP_PRODUCT_TYPES = [
  { slug: "canvas-print", name: "Canvas print" },
  { slug: "mug", name: "Mug" },
  { slug: "poster", name: "Poster" },
];

/** An answer for `SaleorProductTypes`: name or slug contains `search`, only `slugs` when given. */
export function saleorProductTypes(variables: Record<string, unknown>) {
  const search = String(variables.search ?? "").toLowerCase();
  const slugs = variables.slugs as string[] | undefined;
  return {
    data: {
      saleorProductTypes: SHOP_PRODUCT_TYPES.filter(
        (type) =>
          (type.name.toLowerCase().includes(search) || type.slug.includes(search)) && (!slugs || slugs.includes(type.slug)),
      ),
    },
  };
}
