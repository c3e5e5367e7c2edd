/**
 * The app's configuration page (appUrl), for PodOps managers: people (roles, capacity, skills,
 * away) and the complexity weights, the flow (optional stages), the rejection reasons, the print
 * specs per product type, the print partners and the fulfilment settings, the emails (with preview)
 * and the notification settings, and the history of who changed which setting. Others see PodOps'
 * refusal message.
 */
import { Box } from "@saleor/macaw-ui";

import { usePodOpsQuery } from "../api/hooks";
import { PageLayout } from "../components/PageLayout";
import { ServiceStatus } from "../components/ServiceStatus";
import { ErrorState, QueryStates } from "../components/states";
import { MeQuery } from "../graphql/documents";
import { ComplexityWeights } from "../views/settings/ComplexityWeights";
import { EmailTemplates } from "../views/settings/EmailTemplates";
import { FlowSettings } from "../views/settings/FlowSettings";
import { FulfilmentSettings } from "../views/settings/FulfilmentSettings";
import { NotificationSettings } from "../views/settings/NotificationSettings";
import { PartnerSettings } from "../views/settings/PartnerSettings";
import { PeopleSettings } from "../views/settings/PeopleSettings";
import { PrintSpecSettings } from "../views/settings/PrintSpecSettings";
import { SettingsHistory } from "../views/settings/SettingsHistory";
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
              <ComplexityWeights />
              <FlowSettings />
              <PrintSpecSettings />
              <PartnerSettings />
              <FulfilmentSettings />
              <EmailTemplates />
              <NotificationSettings />
              <SettingsHistory />
            </Box>
          ) : (
            <ErrorState
              title="Settings are for PodOps managers"
              error={new Error("Ask a PodOps admin or manager to change people, the flow, print specs or the other settings.")}
            />
          )
        }
      </QueryStates>
    </PageLayout>
  );
}
