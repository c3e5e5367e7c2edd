/** The fulfilment queue: what is ready to go to print, its shipping details and its artwork file. */
import { Box, Text } from "@saleor/macaw-ui";

import { ItemArtwork } from "../artwork/ItemArtwork";
import { ItemDetails } from "../components/ItemDetails";
import { WorkCard, WorkItemHeading, WorkQueue } from "./workQueue";

export function FulfilmentQueue() {
  return (
    <WorkQueue tab="FULFILMENT_QUEUE">
      {(items) => (
        <Box display="flex" flexDirection="column" gap={3}>
          {items.map((item) => (
            <WorkCard key={item.id} data-testid="fulfilment-card" data-order={item.order.number}>
              <WorkItemHeading item={item} />
              <ItemDetails item={item} />
              <Text size={2} color="default2">
                Ship with {item.order.shippingMethodName || "the order's shipping method"} to{" "}
                {item.order.customerEmail}
              </Text>
              <ItemArtwork itemId={item.id} uploadReferences={item.uploadReferences} />
            </WorkCard>
          ))}
        </Box>
      )}
    </WorkQueue>
  );
}
