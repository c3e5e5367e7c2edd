/** What the customer asked for on one line: product, text, options, uploads, input problems. */
import { Box, Text } from "@saleor/macaw-ui";

import { optionPairs, problemMessages } from "../format/json";

export type ItemDetailsFields = {
  productName: string;
  variantName: string;
  quantity: number;
  customText: string;
  options: string;
  inputProblems: string;
  uploadReferences: readonly string[];
};

export function ItemDetails({ item }: { item: ItemDetailsFields }) {
  const options = optionPairs(item.options);
  const problems = problemMessages(item.inputProblems);
  return (
    <Box display="flex" flexDirection="column" gap={1}>
      <Text size={3} fontWeight="medium">
        {item.productName}
        {item.variantName ? ` · ${item.variantName}` : ""}
        {item.quantity > 1 ? ` × ${item.quantity}` : ""}
      </Text>
      {item.customText ? (
        <Text size={2} data-testid="custom-text">
          “{item.customText}”
        </Text>
      ) : null}
      {options.map(([name, value]) => (
        <Text key={name} size={2} color="default2">
          {name}: {value}
        </Text>
      ))}
      <Text size={2} color="default2">
        {item.uploadReferences.length === 0
          ? "No photos"
          : `${item.uploadReferences.length} photo${item.uploadReferences.length === 1 ? "" : "s"}`}
      </Text>
      {problems.map((problem) => (
        <Text key={problem} size={2} color="critical1">
          {problem}
        </Text>
      ))}
    </Box>
  );
}
