/** Where and how an order ships: the shipping method and the address snapshot, as on a parcel. */
import { Box, Text } from "@saleor/macaw-ui";

import type { ShippingFieldsFragment } from "../graphql/generated/graphql";
import { addressLines } from "./labels";

export function ShippingDetails({ shipping }: { shipping: ShippingFieldsFragment }) {
  return (
    <Box display="flex" flexDirection="column" gap={1} data-testid="shipping-details">
      <Text size={2} fontWeight="bold">
        Ship with {shipping.methodName || "the order's shipping method"}
      </Text>
      {shipping.address ? (
        <Box as="address" display="flex" flexDirection="column" __fontStyle="normal" data-testid="shipping-address">
          {addressLines(shipping.address).map((line, index) => (
            <Text key={index} size={2}>
              {line}
            </Text>
          ))}
          {shipping.address.phone ? (
            <Text size={2} color="default2">
              Phone {shipping.address.phone}
            </Text>
          ) : null}
        </Box>
      ) : (
        <Text size={2} color="warning1">
          The order has no shipping address.
        </Text>
      )}
    </Box>
  );
}
