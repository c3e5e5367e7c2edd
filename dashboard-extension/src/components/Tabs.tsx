import { Box, Button } from "@saleor/macaw-ui";

export type TabOption<T extends string> = { value: T; label: string };

/** A row of tabs (buttons with tab semantics). */
export function Tabs<T extends string>({
  tabs,
  value,
  onChange,
  label,
}: {
  tabs: ReadonlyArray<TabOption<T>>;
  value: T;
  onChange: (value: T) => void;
  label: string;
}) {
  return (
    <Box
      display="flex"
      gap={1}
      flexWrap="wrap"
      role="tablist"
      aria-label={label}
      borderBottomWidth={1}
      borderBottomStyle="solid"
      borderColor="default1"
      paddingBottom={2}
    >
      {tabs.map((tab) => (
        <Button
          key={tab.value}
          role="tab"
          aria-selected={tab.value === value}
          variant={tab.value === value ? "secondary" : "tertiary"}
          onClick={() => onChange(tab.value)}
        >
          {tab.label}
        </Button>
      ))}
    </Box>
  );
}
