/**
 * Orders → Production: the signed-in person's work and, for managers, the board, the team, the
 * metrics and the partner jobs that need a decision; QA and reprints for fulfillers and managers.
 */
import { useState } from "react";

import { usePodOpsQuery } from "../api/hooks";
import { PageLayout } from "../components/PageLayout";
import { RefreshButton } from "../components/RefreshButton";
import { ServiceStatus } from "../components/ServiceStatus";
import { EmptyState, QueryStates } from "../components/states";
import { type TabOption, Tabs } from "../components/Tabs";
import { TAB_LABELS } from "../format/stages";
import { MeQuery } from "../graphql/documents";
import type { MeQuery as MeResult, MyWorkTab } from "../graphql/generated/graphql";
import { ArtistQueue } from "../views/ArtistQueue";
import { FulfilmentQueue } from "../views/FulfilmentQueue";
import { ImageReviewQueue } from "../views/ImageReviewQueue";
import { MetricsView } from "../views/MetricsView";
import { PartnerProblems } from "../views/PartnerProblems";
import { ProductionBoard } from "../views/ProductionBoard";
import { QaAndReprints } from "../views/QaAndReprints";
import { QcQueue } from "../views/QcQueue";
import { Workload } from "../views/Workload";

export type ProductionTab = MyWorkTab | "BOARD" | "TEAM" | "METRICS" | "PARTNER_JOBS" | "QA";

export function isManager(roles: readonly string[]): boolean {
  return roles.includes("ADMIN") || roles.includes("MANAGER");
}

/** Who checks printed items and sees reprints (PodOps' fulfilment roles). */
export function checksPrints(roles: readonly string[]): boolean {
  return isManager(roles) || roles.includes("FULFILLER");
}

/**
 * The tabs a person sees: for managers the board, the team, the metrics and the partner problems
 * first; then their work queues; then QA and reprints for fulfillers and managers.
 */
export function productionTabs(me: MeResult): Array<TabOption<ProductionTab>> {
  const tabs: Array<TabOption<ProductionTab>> = [];
  if (isManager(me.me.roles)) {
    tabs.push(
      { value: "BOARD", label: "Board" },
      { value: "TEAM", label: "Team" },
      { value: "METRICS", label: "Metrics" },
      { value: "PARTNER_JOBS", label: "Partner problems" },
    );
  }
  for (const tab of me.myWorkTabs) {
    tabs.push({ value: tab, label: TAB_LABELS[tab] });
  }
  if (checksPrints(me.me.roles)) {
    tabs.push({ value: "QA", label: "QA and reprints" });
  }
  return tabs;
}

function TabContent({ tab, me }: { tab: ProductionTab; me: MeResult }) {
  switch (tab) {
    case "BOARD":
      return <ProductionBoard />;
    case "TEAM":
      return <Workload />;
    case "METRICS":
      return <MetricsView />;
    case "PARTNER_JOBS":
      return <PartnerProblems />;
    case "QA":
      return <QaAndReprints />;
    case "IMAGE_REVIEW":
      return <ImageReviewQueue />;
    case "NEW_WORK":
    case "REJECTED_BY_CUSTOMER":
    case "REJECTED_BY_ART_MANAGER":
      return <ArtistQueue key={tab} tab={tab} />;
    case "ARTWORK_QC":
      return <QcQueue />;
    case "FULFILMENT_QUEUE":
      // A fulfiller works the items they hold; managers see (and batch) the whole queue.
      return <FulfilmentQueue mine={!isManager(me.me.roles)} />;
  }
}

function ProductionTabs({ me }: { me: MeResult }) {
  const tabs = productionTabs(me);
  const [selected, setSelected] = useState<ProductionTab | null>(null);
  const current = tabs.find((tab) => tab.value === selected)?.value ?? tabs[0]?.value;
  if (!current) {
    return (
      <EmptyState title="You have no PodOps role yet">
        Ask a PodOps admin to give you a role (image processor, artist, art QC, fulfiller or manager).
      </EmptyState>
    );
  }
  return (
    <>
      <Tabs label="Production views" tabs={tabs} value={current} onChange={setSelected} />
      <TabContent tab={current} me={me} />
    </>
  );
}

export function ProductionPage() {
  const me = usePodOpsQuery(MeQuery, {});
  return (
    <PageLayout
      title="Production"
      subtitle={me.data ? `Signed in as ${me.data.me.email}` : undefined}
      actions={
        <>
          <ServiceStatus />
          <RefreshButton />
        </>
      }
    >
      <QueryStates query={me} loadingLabel="Loading your roles…">
        {(data) => <ProductionTabs me={data} />}
      </QueryStates>
    </PageLayout>
  );
}
