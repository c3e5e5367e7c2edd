import { Chip, Text } from "@saleor/macaw-ui";

import { stageLabel } from "../format/stages";
import type { ProductionStage } from "../graphql/generated/graphql";

export function StageBadge({ stage }: { stage: ProductionStage | null | undefined }) {
  return (
    <Chip size="small" data-testid="stage-badge" data-stage={stage ?? ""}>
      <Text size={1}>{stageLabel(stage)}</Text>
    </Chip>
  );
}
