/**
 * The app's configuration page (appUrl), for PodOps managers: people (roles, capacity, skills,
 * away), the flow (optional stages), the rejection reasons, the print partners and the emails (with
 * preview). Others see PodOps' refusal message.
 */
import { Box } from "@saleor/macaw-ui";

import { usePodOpsQuery } from "../api/hooks";
import { PageLayout } from "../components/PageLayout";
import { ServiceStatus } from "../components/ServiceStatus";
import { ErrorState, QueryStates } from "../components/states";
import { MeQuery } from "../graphql/documents";
import { EmailTemplates } from "../views/settings/EmailTemplates";
import { FlowSettings } from "../views/settings/FlowSettings";
import { PartnerSettings } from "../views/settings/PartnerSettings";
import { PeopleSettings } from "../views/settings/PeopleSettings";
import { isManager } from "./ProductionPage";

export function ConfigurationPage() {
  const me = usePodOpsQuery(MeQuery, {});
  return (
    <PageLayout title="PodOps settings" actions={<ServiceStatus />}>
      <QueryStates query={me} loadingLabel="Loading your roles…">
        {(data) =>
          isManager(data.me.roles) ? (
            <Box display="flex" flexDirection="column" gap={8}>
              <PeopleSettings />
              <FlowSettings />
              <PartnerSettings />
              <EmailTemplates />
            </Box>
          ) : (
            <ErrorState
              title="Settings are for PodOps managers"
              error={new Error("Ask a PodOps admin or manager to change people, the flow or the reasons.")}
            />
          )
        }
      </QueryStates>
    </PageLayout>
  );
}
