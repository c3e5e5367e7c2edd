/** The app's configuration page (appUrl): roles, capacities, skills, flow settings, reason codes. */
import { PageLayout } from "../components/PageLayout";
import { ServiceStatus } from "../components/ServiceStatus";

export function ConfigurationPage() {
  return (
    <PageLayout title="PodOps settings" actions={<ServiceStatus />}>
      {null}
    </PageLayout>
  );
}
