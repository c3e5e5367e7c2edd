/**
 * Complexity weights (managers): how many work units an item of a product type takes from a
 * person's capacity. Product types without a weight take 1; removing a weight makes it 1 again.
 * A new weight's product type is picked from the shop's in Saleor; a saved one Saleor no longer
 * knows is listed as "not in Saleor".
 */
import { Box, Button, Text } from "@saleor/macaw-ui";
import { type FormEvent, useEffect, useState } from "react";

import { Card } from "../../components/Card";
import { usePodOpsMutation, usePodOpsQuery } from "../../api/hooks";
import { EmptyState, ErrorState, QueryStates } from "../../components/states";
import { ProductTypePicker } from "../../productTypes/ProductTypePicker";
import { type KnownProductTypes, productTypeLabel, useKnownProductTypes } from "../../productTypes/productTypes";
import {
  ComplexityWeightDeleteMutation,
  ComplexityWeightsQuery,
  ComplexityWeightUpdateMutation,
} from "../../graphql/documents";
import { fieldErrors, parseWholeNumber } from "./forms";
import { FieldInput, SavedNote, SettingsSection } from "./Section";

function useWeightUpdate() {
  return usePodOpsMutation(ComplexityWeightUpdateMutation, (data) => data.complexityWeightUpdate?.errors);
}

export function ComplexityWeights() {
  const weights = usePodOpsQuery(ComplexityWeightsQuery, {});
  const known = useKnownProductTypes(weights.data?.complexityWeights.map((row) => row.productTypeSlug) ?? []);
  const remove = usePodOpsMutation(ComplexityWeightDeleteMutation, (data) => data.complexityWeightDelete?.errors);
  const [removed, setRemoved] = useState("");
  const removeWeight = (productTypeSlug: string) => {
    setRemoved("");
    remove.mutate(
      { productTypeSlug },
      {
        onSuccess: () => setRemoved(`${productTypeSlug} takes 1 unit again.`),
        // removed meanwhile by someone else (NOT_FOUND): the list shows what PodOps has now
        onError: () => void weights.refetch(),
      },
    );
  };
  return (
    <SettingsSection
      title="Complexity weights"
      testId="complexity-weights"
      description="Work units an item of a product type takes from a person's capacity when it is assigned (1 to 100). Product types not listed take 1."
    >
      <QueryStates
        query={weights}
        loadingLabel="Loading complexity weights…"
        isEmpty={(data) => data.complexityWeights.length === 0}
        empty={<EmptyState title="Every product type takes 1 unit">Give a product type more below.</EmptyState>}
      >
        {(data) => (
          <Box as="ul" display="flex" flexDirection="column" gap={2} padding={0} margin={0} style={{ listStyle: "none" }}>
            {data.complexityWeights.map((row) => (
              <WeightRow
                key={row.productTypeSlug}
                productTypeSlug={row.productTypeSlug}
                weight={row.weight}
                known={known}
                removing={remove.isPending}
                onRemove={() => removeWeight(row.productTypeSlug)}
              />
            ))}
          </Box>
        )}
      </QueryStates>
      {remove.isError ? <ErrorState title="Weight not removed" error={remove.error} /> : null}
      {removed ? <SavedNote>{removed}</SavedNote> : null}
      <AddWeight />
    </SettingsSection>
  );
}

function WeightRow({
  productTypeSlug,
  weight,
  known,
  removing,
  onRemove,
}: {
  productTypeSlug: string;
  weight: number;
  known: KnownProductTypes;
  removing: boolean;
  onRemove: () => void;
}) {
  const missing = known.isMissing(productTypeSlug);
  const [value, setValue] = useState(String(weight));
  const [localError, setLocalError] = useState("");
  const save = useWeightUpdate();
  // the saved weight comes back from PodOps: show it
  useEffect(() => setValue(String(weight)), [weight]);
  const error = localError || fieldErrors(save.error).weight;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseWholeNumber(value);
    if (!parsed.ok || parsed.value === null) {
      setLocalError(parsed.ok ? "Enter a whole number." : parsed.message);
      save.reset();
      return;
    }
    setLocalError("");
    save.mutate({ productTypeSlug, weight: parsed.value });
  };
  return (
    <Card
      as="li"
      data-testid="weight-row"
      data-product-type={productTypeSlug}
    >
      <Box as="form" display="flex" gap={3} alignItems="end" flexWrap="wrap" noValidate onSubmit={submit} aria-label={`Weight of ${productTypeSlug}`}>
        <Box __minWidth="160px">
          <Text size={3} fontWeight="medium" color={missing ? "critical1" : undefined} data-testid="product-type-label">
            {productTypeLabel(productTypeSlug, known.nameOf(productTypeSlug), missing)}
          </Text>
        </Box>
        <FieldInput
          label={`Units for ${productTypeSlug}`}
          inputMode="numeric"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          errorText={error}
        />
        <Button type="submit" size="small" variant="secondary" disabled={save.isPending || value === String(weight)}>
          Save
        </Button>
        <Button
          type="button"
          size="small"
          variant="tertiary"
          disabled={removing}
          aria-label={`Remove the weight of ${productTypeSlug}`}
          onClick={onRemove}
        >
          Remove
        </Button>
      </Box>
      {save.isError ? <ErrorState title="Weight not saved" error={save.error} /> : null}
      {save.isSuccess && value === String(weight) ? <SavedNote /> : null}
    </Card>
  );
}

function AddWeight() {
  const [slug, setSlug] = useState("");
  const [weight, setWeight] = useState("2");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState("");
  const save = useWeightUpdate();
  const errors = { ...fieldErrors(save.error), ...localErrors };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseWholeNumber(weight);
    const problems: Record<string, string> = {};
    if (!slug) {
      problems.productTypeSlug = "Choose a product type.";
    }
    if (!parsed.ok || parsed.value === null) {
      problems.weight = "Enter a whole number.";
    }
    setLocalErrors(problems);
    setSaved("");
    if (Object.keys(problems).length > 0 || !parsed.ok || parsed.value === null) {
      save.reset();
      return;
    }
    const productTypeSlug = slug;
    save.mutate(
      { productTypeSlug, weight: parsed.value },
      {
        onSuccess: () => {
          setSaved(`${productTypeSlug} takes ${parsed.value} units.`);
          setSlug("");
          setWeight("2");
        },
      },
    );
  };
  return (
    <Box display="flex" flexDirection="column" gap={2}>
      <Box as="form" display="flex" gap={2} alignItems="start" flexWrap="wrap" noValidate onSubmit={submit} aria-label="Add a complexity weight">
        <Box __minWidth="260px">
          <ProductTypePicker
            id="add-weight-product-type"
            label="Product type"
            value={slug}
            onChange={setSlug}
            errorText={errors.productTypeSlug}
          />
        </Box>
        <FieldInput
          label="Work units"
          inputMode="numeric"
          value={weight}
          onChange={(event) => setWeight(event.target.value)}
          errorText={errors.weight}
        />
        <Button type="submit" disabled={save.isPending}>
          Add weight
        </Button>
      </Box>
      {save.isError ? <ErrorState title="Weight not saved" error={save.error} /> : null}
      {saved ? <SavedNote>{saved}</SavedNote> : null}
    </Box>
  );
}
