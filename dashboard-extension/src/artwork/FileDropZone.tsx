/** Drop files here, or choose them: one control for single and batch uploads. */
import { Box, Button, Text } from "@saleor/macaw-ui";
import { type DragEvent, useRef, useState } from "react";

export function FileDropZone({
  label,
  multiple,
  disabled = false,
  accept = "image/*,.pdf,.tif,.tiff",
  onFiles,
}: {
  label: string;
  multiple: boolean;
  disabled?: boolean;
  accept?: string;
  onFiles: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length > 0 && !disabled) {
      onFiles(multiple ? files : files.slice(0, 1));
    }
  };
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      gap={3}
      padding={4}
      borderRadius={4}
      borderWidth={1}
      borderStyle="solid"
      borderColor={over ? "accent1" : "default1"}
      backgroundColor={over ? "default1Hovered" : "default2"}
      onDragOver={(event: DragEvent) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event: DragEvent) => {
        event.preventDefault();
        setOver(false);
        take(event.dataTransfer.files);
      }}
      data-testid="drop-zone"
    >
      <Text size={2} color="default2">
        {label}
      </Text>
      <Button type="button" variant="secondary" size="small" disabled={disabled} onClick={() => input.current?.click()}>
        Choose file{multiple ? "s" : ""}
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        multiple={multiple}
        accept={accept}
        aria-label={label}
        onChange={(event) => {
          take(event.target.files);
          event.target.value = "";
        }}
      />
    </Box>
  );
}
