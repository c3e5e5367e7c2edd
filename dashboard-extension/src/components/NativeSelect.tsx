import { Box, Text } from "@saleor/macaw-ui";
import { forwardRef, type SelectHTMLAttributes } from "react";

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "color"> & {
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  /** The form's or PodOps' message for the field, shown under it. */
  errorText?: string;
};

/** A labelled native select (keyboard and screen-reader friendly), styled like macaw inputs. */
export const NativeSelect = forwardRef<HTMLSelectElement, Props>(function NativeSelect(
  { label, options, placeholder, id, errorText, ...props },
  ref,
) {
  const selectId = id ?? `select-${label.replace(/\W+/g, "-").toLowerCase()}`;
  const errorId = `${selectId}-error`;
  return (
    <Box display="flex" flexDirection="column" gap={1}>
      <Text as="span" size={2} color="default2">
        <label htmlFor={selectId}>{label}</label>
      </Text>
      <Box
        as="select"
        id={selectId}
        ref={ref}
        backgroundColor="default1"
        color="default1"
        borderColor={errorText ? "critical1" : "default1"}
        borderWidth={1}
        borderStyle="solid"
        borderRadius={3}
        padding={2}
        fontSize={3}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={errorText ? errorId : undefined}
        {...(props as object)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Box>
      {errorText ? (
        <Text size={2} color="critical1" id={errorId}>
          {errorText}
        </Text>
      ) : null}
    </Box>
  );
});
