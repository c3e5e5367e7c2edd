/** GraphQL documents the extension sends to PodOps (typed by codegen from the committed SDL). */
import { graphql } from "./generated";

export const ApiVersionQuery = graphql(`
  query ApiVersion {
    apiVersion
  }
`);

export const TimelineEventFieldsFragment = graphql(`
  fragment TimelineEventFields on TimelineEvent {
    type
    actorType
    actorId
    fromStage
    toStage
    reasonCode
    comment
    isInternal
    createdAt
    itemId
    data
  }
`);

export const WorkItemFieldsFragment = graphql(`
  fragment WorkItemFields on ProductionItem {
    id
    lineIndex
    productName
    variantName
    sku
    productTypeSlug
    quantity
    customText
    options
    inputProblems
    uploadReferences
    stage
    stageEnteredAt
    holdReturnStage
    reworkSource
    rejectionCount
    artworkRound
    assignee {
      userId
      email
    }
    order {
      id
      number
      saleorOrderId
      customerEmail
      shippingMethodName
      priority
      dueAt
      needsAttention
      attentionReason
    }
    availableActions
    blockedActions {
      action
      code
      message
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      userId
      email
      roles
      member {
        capacity
        load
        freeCapacity
        isAway
      }
    }
    myWorkTabs
  }
`);

export const MyWorkQuery = graphql(`
  query MyWork($tab: MyWorkTab!, $first: Int!, $after: String) {
    myWork(tab: $tab, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...WorkItemFields
          timeline {
            ...TimelineEventFields
          }
        }
      }
    }
  }
`);

export const ReasonCodesQuery = graphql(`
  query ReasonCodes {
    reasonCodes {
      code
      label
    }
  }
`);

export const StageCountsQuery = graphql(`
  query StageCounts {
    stageCounts {
      stage
      count
      unassigned
    }
  }
`);

export const ProductionBoardQuery = graphql(`
  query ProductionBoard($filter: ProductionOrderFilterInput, $first: Int!, $after: String) {
    productionOrders(filter: $filter, sort: PRIORITY, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          saleorOrderId
          customerEmail
          stage
          status
          priority
          dueAt
          needsAttention
          attentionReason
          createdAt
          items {
            id
            lineIndex
            productName
            stage
            stageEnteredAt
            assignee {
              userId
              email
            }
          }
        }
      }
    }
  }
`);

export const StaffQuery = graphql(`
  query Staff {
    staff {
      userId
      email
      roles
      capacity
      load
      freeCapacity
      isAway
      skills
      lastAssignedAt
    }
  }
`);

export const OrderProductionQuery = graphql(`
  query OrderProduction($saleorOrderId: ID!) {
    productionOrder(saleorOrderId: $saleorOrderId) {
      id
      number
      stage
      status
      dueAt
      priority
      needsAttention
      attentionReason
      items {
        ...WorkItemFields
      }
      timeline {
        ...TimelineEventFields
      }
    }
  }
`);

export const ProductTypeFlowFieldsFragment = graphql(`
  fragment ProductTypeFlowFields on ProductTypeFlow {
    productTypeSlug
    imageReviewEnabled
    artworkQcEnabled
    customerApprovalEnabled
  }
`);

export const FlowSettingsQuery = graphql(`
  query FlowSettings {
    flowSettings {
      imageReviewEnabled
      artworkQcEnabled
      customerApprovalEnabled
      skipRules {
        stage
        roles
      }
      productTypes {
        ...ProductTypeFlowFields
      }
    }
    reasonCodes(includeInactive: true) {
      code
      label
      isActive
      position
    }
  }
`);

export const ImageApproveMutation = graphql(`
  mutation ImageApprove($id: ID!, $comment: String) {
    imageApprove(id: $id, comment: $comment) {
      errors {
        field
        code
        message
      }
      item {
        id
        stage
      }
    }
  }
`);

export const ImageRejectMutation = graphql(`
  mutation ImageReject($id: ID!, $reasonCode: String!, $comment: String) {
    imageReject(id: $id, reasonCode: $reasonCode, comment: $comment) {
      errors {
        field
        code
        message
      }
      item {
        id
        stage
      }
    }
  }
`);

export const ArtworkSubmitMutation = graphql(`
  mutation ArtworkSubmit($id: ID!, $comment: String) {
    artworkSubmit(id: $id, comment: $comment) {
      errors {
        field
        code
        message
      }
      item {
        id
        stage
      }
    }
  }
`);

export const QcApproveMutation = graphql(`
  mutation QcApprove($id: ID!, $comment: String) {
    qcApprove(id: $id, comment: $comment) {
      errors {
        field
        code
        message
      }
      item {
        id
        stage
      }
    }
  }
`);

export const QcRejectMutation = graphql(`
  mutation QcReject($id: ID!, $reasonCode: String!, $comment: String) {
    qcReject(id: $id, reasonCode: $reasonCode, comment: $comment) {
      errors {
        field
        code
        message
      }
      item {
        id
        stage
      }
    }
  }
`);

export const ItemHoldMutation = graphql(`
  mutation ItemHold($id: ID!, $comment: String) {
    itemHold(id: $id, comment: $comment) {
      errors {
        field
        code
        message
      }
      item {
        id
        stage
      }
    }
  }
`);

export const ItemResumeMutation = graphql(`
  mutation ItemResume($id: ID!, $comment: String) {
    itemResume(id: $id, comment: $comment) {
      errors {
        field
        code
        message
      }
      item {
        id
        stage
      }
    }
  }
`);

export const ItemSkipStageMutation = graphql(`
  mutation ItemSkipStage($id: ID!, $comment: String) {
    itemSkipStage(id: $id, comment: $comment) {
      errors {
        field
        code
        message
      }
      item {
        id
        stage
      }
    }
  }
`);

export const ItemReassignMutation = graphql(`
  mutation ItemReassign($id: ID!, $assigneeUserId: String!, $comment: String) {
    itemReassign(id: $id, assigneeUserId: $assigneeUserId, comment: $comment) {
      errors {
        field
        code
        message
      }
      item {
        id
        stage
      }
    }
  }
`);

export const ItemCommentMutation = graphql(`
  mutation ItemComment($id: ID!, $comment: String!) {
    itemComment(id: $id, comment: $comment) {
      errors {
        field
        code
        message
      }
      item {
        id
        stage
      }
    }
  }
`);

export const StaffAwayUpdateMutation = graphql(`
  mutation StaffAwayUpdate($userId: String!, $isAway: Boolean!) {
    staffAwayUpdate(userId: $userId, isAway: $isAway) {
      errors {
        field
        code
        message
      }
      staffMember {
        userId
        isAway
      }
    }
  }
`);

export const StaffCapacityUpdateMutation = graphql(`
  mutation StaffCapacityUpdate($userId: String!, $capacity: Int!) {
    staffCapacityUpdate(userId: $userId, capacity: $capacity) {
      errors {
        field
        code
        message
      }
      staffMember {
        userId
        capacity
      }
    }
  }
`);

export const StaffRoleAssignMutation = graphql(`
  mutation StaffRoleAssign($userId: String!, $email: String, $role: PodOpsRole!) {
    staffRoleAssign(userId: $userId, email: $email, role: $role) {
      errors {
        field
        code
        message
      }
      staffMember {
        userId
        roles
      }
    }
  }
`);

export const StaffRoleRevokeMutation = graphql(`
  mutation StaffRoleRevoke($userId: String!, $role: PodOpsRole!) {
    staffRoleRevoke(userId: $userId, role: $role) {
      errors {
        field
        code
        message
      }
      staffMember {
        userId
        roles
      }
    }
  }
`);

export const FlowSettingsUpdateMutation = graphql(`
  mutation FlowSettingsUpdate($input: FlowSettingsInput!) {
    flowSettingsUpdate(input: $input) {
      errors {
        field
        code
        message
      }
      flowSettings {
        imageReviewEnabled
        artworkQcEnabled
        customerApprovalEnabled
      }
    }
  }
`);

export const ProductTypeFlowUpdateMutation = graphql(`
  mutation ProductTypeFlowUpdate($productTypeSlug: String!, $input: FlowSettingsInput!) {
    flowSettingsUpdate(productTypeSlug: $productTypeSlug, input: $input) {
      errors {
        field
        code
        message
      }
      flowSettings {
        productTypes {
          ...ProductTypeFlowFields
        }
      }
    }
  }
`);

export const ReasonCodesUpdateMutation = graphql(`
  mutation ReasonCodesUpdate($codes: [ReasonCodeInput!]!) {
    reasonCodesUpdate(codes: $codes) {
      errors {
        field
        code
        message
      }
      reasonCodes {
        code
        label
        isActive
      }
    }
  }
`);

export const PrintCheckFieldsFragment = graphql(`
  fragment PrintCheckFields on PrintCheck {
    format
    widthPx
    heightPx
    mode
    hasIccProfile
    effectiveDpi
    minDpi
    warnDpi
    resolution
    printWidthIn
    printHeightIn
  }
`);

export const CustomerPhotoFieldsFragment = graphql(`
  fragment CustomerPhotoFields on CustomerUpload {
    reference
    version
    originalName
    status
    invalidReason
    width
    height
    thumbnailUrl
    previewUrl
    replaces
  }
`);

export const ItemArtworkQuery = graphql(`
  query ItemArtwork($itemId: ID!) {
    customerUploads(itemId: $itemId) {
      ...CustomerPhotoFields
    }
    artworkFileName(itemId: $itemId)
    artworkVersions(itemId: $itemId) {
      id
      number
      originalName
      status
      invalidReason
      createdAt
      thumbnailUrl
      previewUrl
      printCheck {
        ...PrintCheckFields
      }
    }
  }
`);

export const ArtworkDownloadUrlQuery = graphql(`
  query ArtworkDownloadUrl($id: ID!) {
    artworkDownloadUrl(id: $id)
  }
`);

export const CustomerUploadDownloadUrlQuery = graphql(`
  query CustomerUploadDownloadUrl($reference: String!) {
    customerUploadDownloadUrl(reference: $reference)
  }
`);

export const ArtworkUploadMutation = graphql(`
  mutation ArtworkUpload($id: ID!, $file: Upload!) {
    artworkUpload(id: $id, file: $file) {
      errors {
        field
        code
        message
      }
      version {
        id
        number
        printCheck {
          ...PrintCheckFields
        }
      }
    }
  }
`);

export const ArtworkBatchDryRunMutation = graphql(`
  mutation ArtworkBatchDryRun($files: [Upload!]!) {
    artworkBatchUpload(files: $files, dryRun: true) {
      errors {
        field
        code
        message
      }
      results {
        fileName
        outcome
        message
        expectedName
        item {
          id
          lineIndex
          productName
          order {
            number
          }
        }
        printCheck {
          ...PrintCheckFields
        }
      }
    }
  }
`);

export const StaffSkillsUpdateMutation = graphql(`
  mutation StaffSkillsUpdate($userId: String!, $skills: [String!]!) {
    staffSkillsUpdate(userId: $userId, skills: $skills) {
      errors {
        field
        code
        message
      }
      staffMember {
        userId
        skills
      }
    }
  }
`);

export const NotificationTemplatesQuery = graphql(`
  query NotificationTemplates {
    notificationTemplates {
      event
      audience
      subject
      htmlBody
      textBody
      isDefault
      placeholders
    }
  }
`);

export const NotificationTemplatePreviewMutation = graphql(`
  mutation NotificationTemplatePreview($event: NotificationEvent!, $subject: String, $htmlBody: String, $textBody: String) {
    notificationTemplatePreview(event: $event, subject: $subject, htmlBody: $htmlBody, textBody: $textBody) {
      errors {
        field
        code
        message
      }
      email {
        subject
        htmlBody
        textBody
      }
    }
  }
`);

export const NotificationTemplateUpdateMutation = graphql(`
  mutation NotificationTemplateUpdate($event: NotificationEvent!, $subject: String!, $htmlBody: String!, $textBody: String!) {
    notificationTemplateUpdate(event: $event, subject: $subject, htmlBody: $htmlBody, textBody: $textBody) {
      errors {
        field
        code
        message
      }
      template {
        event
        isDefault
      }
    }
  }
`);

export const NotificationTemplateResetMutation = graphql(`
  mutation NotificationTemplateReset($event: NotificationEvent!) {
    notificationTemplateReset(event: $event) {
      errors {
        field
        code
        message
      }
    }
  }
`);

export const BatchCreateMutation = graphql(`
  mutation BatchCreate($items: [ID!]!, $partner: ID!) {
    batchCreate(items: $items, partner: $partner) {
      errors {
        field
        code
        message
      }
      batch {
        id
      }
    }
  }
`);

export const BatchSendMutation = graphql(`
  mutation BatchSend($id: ID!) {
    batchSend(id: $id) {
      errors {
        field
        code
        message
      }
      batch {
        id
        status
        sentAt
      }
    }
  }
`);

export const ArchiveLinkCreateMutation = graphql(`
  mutation ArchiveLinkCreate($batch: ID, $job: ID) {
    archiveLinkCreate(batch: $batch, job: $job) {
      errors {
        field
        code
        message
      }
      url
    }
  }
`);

export const PrintPartnersQuery = graphql(`
  query PrintPartners {
    printPartners {
      id
      name
      kind
      endpointUrl
      webhookUrl
      isActive
      hasSecret
      hasApiKey
      ratePerMinute
      burst
      webhookRegisteredAt
      webhookRegistrationError
      webhookRemovedAt
      webhookRemovalError
      printful {
        storeId
        variantIds
        filePlacements
        shippingMethods
      }
    }
  }
`);

export const PrintPartnerCreateMutation = graphql(`
  mutation PrintPartnerCreate($input: PrintPartnerInput!) {
    printPartnerCreate(input: $input) {
      errors {
        field
        code
        message
      }
      partner {
        id
      }
    }
  }
`);

export const PrintPartnerUpdateMutation = graphql(`
  mutation PrintPartnerUpdate($id: ID!, $input: PrintPartnerInput!) {
    printPartnerUpdate(id: $id, input: $input) {
      errors {
        field
        code
        message
      }
      partner {
        id
        isActive
      }
    }
  }
`);

/* Work views per role (fulfilment queue with shipping, image review photos, QA and reprints,
 * partner problems, metrics). */

export const ShippingFieldsFragment = graphql(`
  fragment ShippingFields on OrderShipping {
    methodName
    address {
      name
      companyName
      streetAddress1
      streetAddress2
      city
      cityArea
      postalCode
      countryCode
      countryArea
      phone
    }
  }
`);

export const FulfilmentQueueQuery = graphql(`
  query FulfilmentQueue($mine: Boolean) {
    fulfilmentQueue(first: 100, mine: $mine) {
      dueAt
      isLate
      priority
      priorityReasons
      sendableAt
      inGrace
      batchId
      approvedArtwork {
        id
        number
        originalName
        status
        thumbnailUrl
        previewUrl
        printCheck {
          ...PrintCheckFields
        }
      }
      item {
        ...WorkItemFields
        order {
          id
          shipping {
            ...ShippingFields
          }
        }
      }
    }
    printPartners {
      id
      name
      kind
      isActive
    }
    fulfilmentBatches(status: OPEN, first: 100) {
      id
      status
      createdAt
      partner {
        id
        name
        kind
      }
      items {
        id
        lineIndex
        productName
        order {
          id
          number
          shipping {
            ...ShippingFields
          }
        }
      }
    }
  }
`);

export const ImageReviewWorkQuery = graphql(`
  query ImageReviewWork($first: Int!, $after: String) {
    myWork(tab: IMAGE_REVIEW, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...WorkItemFields
          customerUploads {
            ...CustomerPhotoFields
          }
        }
      }
    }
  }
`);

export const PartnerJobFieldsFragment = graphql(`
  fragment PartnerJobFields on PartnerJob {
    id
    externalId
    dispatchState
    attempts
    lastError
    nextAttemptAt
    submittedAt
    createdAt
    partnerStatus
    onHold
    holdReason
    partner {
      id
      name
      kind
    }
    order {
      id
      number
      saleorOrderId
    }
    lines {
      id
      qaState
      spotCheck
      shippedAt
      artworkVersion
      artwork {
        id
        number
        thumbnailUrl
      }
      item {
        id
        lineIndex
        productName
        variantName
        quantity
      }
    }
  }
`);

export const QaAndReprintsQuery = graphql(`
  query QaAndReprints {
    qaJobs: partnerJobs(qaPending: true, first: 100) {
      ...PartnerJobFields
    }
    reprintJobs: partnerJobs(reprints: true, first: 100) {
      ...PartnerJobFields
      reprintReason
      reprintComment
      reprintOf {
        id
        externalId
        dispatchState
        partnerStatus
        submittedAt
        createdAt
      }
    }
  }
`);

export const QaPassMutation = graphql(`
  mutation QaPass($id: ID!, $comment: String) {
    qaPass(id: $id, comment: $comment) {
      errors {
        field
        code
        message
      }
      line {
        id
        qaState
      }
    }
  }
`);

export const QaFailMutation = graphql(`
  mutation QaFail($id: ID!, $reason: DefectReason!, $comment: String, $photo: Upload) {
    qaFail(id: $id, reason: $reason, comment: $comment, photo: $photo) {
      errors {
        field
        code
        message
      }
      line {
        id
        qaState
      }
      reprint {
        id
      }
    }
  }
`);

export const JobRecordPrintedMutation = graphql(`
  mutation JobRecordPrinted($id: ID!) {
    jobRecordStatus(id: $id, status: PRINTED) {
      errors {
        field
        code
        message
      }
      job {
        id
        partnerStatus
      }
    }
  }
`);

export const JobMarkSentMutation = graphql(`
  mutation JobMarkSent($id: ID!) {
    jobMarkSent(id: $id) {
      errors {
        field
        code
        message
      }
      job {
        id
        dispatchState
      }
    }
  }
`);

export const PartnerProblemsQuery = graphql(`
  query PartnerProblems {
    partnerJobs(needsAttention: true, first: 100) {
      ...PartnerJobFields
      partnerReason
      reprintOfId
    }
  }
`);

export const JobRetrySendMutation = graphql(`
  mutation JobRetrySend($id: ID!) {
    jobRetrySend(id: $id) {
      errors {
        field
        code
        message
      }
      job {
        id
        dispatchState
      }
    }
  }
`);

export const JobCancelMutation = graphql(`
  mutation JobCancel($id: ID!, $reason: String!) {
    jobCancel(id: $id, reason: $reason) {
      errors {
        field
        code
        message
      }
      job {
        id
        dispatchState
      }
    }
  }
`);

export const LineReprintMutation = graphql(`
  mutation LineReprint($id: ID!, $reason: DefectReason!, $comment: String) {
    lineReprint(id: $id, reason: $reason, comment: $comment) {
      errors {
        field
        code
        message
      }
      reprint {
        id
      }
    }
  }
`);

export const ProductionMetricsQuery = graphql(`
  query ProductionMetrics($since: DateTime) {
    productionMetrics(since: $since) {
      since
      itemsPerStage {
        stage
        items
        oldestAgeSeconds
        averageAgeSeconds
      }
      turnaroundPerStage {
        stage
        count
        p50Seconds
        p90Seconds
      }
      endToEnd {
        count
        p50Seconds
        p90Seconds
      }
      slaBreaches {
        stage
        count
      }
      rejections {
        stage
        reason
        count
      }
      firstPass {
        artistUserId
        items
        firstPass
        rate
      }
      reprints {
        reason
        count
      }
      fulfilmentQueueDepth
      partnerJobsWaiting
      partnerJobsFailed
      partnerJobsNeedingAttention
    }
    staff {
      userId
      email
    }
  }
`);

// --- Configuration page: print specs, complexity weights, notification and fulfilment settings ---

export const PrintSpecFieldsFragment = graphql(`
  fragment PrintSpecFields on PrintSpec {
    productTypeSlug
    printWidthIn
    printHeightIn
    minDpi
    warnDpi
    pixelsAtMinDpi {
      width
      height
    }
    pixelsAtWarnDpi {
      width
      height
    }
  }
`);

export const PrintSpecsQuery = graphql(`
  query PrintSpecs {
    printSpecs {
      shopDefault {
        ...PrintSpecFields
      }
      productTypes {
        productTypeSlug
        source
        spec {
          ...PrintSpecFields
        }
      }
    }
  }
`);

export const PrintSpecUpdateMutation = graphql(`
  mutation PrintSpecUpdate($productTypeSlug: String, $input: PrintSpecInput!) {
    printSpecUpdate(productTypeSlug: $productTypeSlug, input: $input) {
      errors {
        field
        code
        message
      }
      printSpec {
        ...PrintSpecFields
      }
    }
  }
`);

export const PrintSpecDeleteMutation = graphql(`
  mutation PrintSpecDelete($productTypeSlug: String) {
    printSpecDelete(productTypeSlug: $productTypeSlug) {
      errors {
        field
        code
        message
      }
    }
  }
`);

export const ComplexityWeightsQuery = graphql(`
  query ComplexityWeights {
    complexityWeights {
      productTypeSlug
      weight
    }
  }
`);

export const SaleorProductTypesQuery = graphql(`
  query SaleorProductTypes($search: String, $slugs: [String!], $first: Int) {
    saleorProductTypes(search: $search, slugs: $slugs, first: $first) {
      slug
      name
    }
  }
`);

export const ComplexityWeightUpdateMutation = graphql(`
  mutation ComplexityWeightUpdate($productTypeSlug: String!, $weight: Int!) {
    complexityWeightUpdate(productTypeSlug: $productTypeSlug, weight: $weight) {
      errors {
        field
        code
        message
      }
      complexityWeight {
        productTypeSlug
        weight
      }
    }
  }
`);

export const ComplexityWeightDeleteMutation = graphql(`
  mutation ComplexityWeightDelete($productTypeSlug: String!) {
    complexityWeightDelete(productTypeSlug: $productTypeSlug) {
      errors {
        field
        code
        message
      }
    }
  }
`);

export const NotificationSettingsFieldsFragment = graphql(`
  fragment NotificationSettingsFields on NotificationSettings {
    shopName
    enabledEvents
    delays {
      event
      minutes
    }
    reminderHours
    autoApproveEnabled
    autoApproveDays
    quietHoursStart
    quietHoursEnd
    timeZone
    freeRevisions
    storefrontApprovalsUrl
  }
`);

export const NotificationSettingsQuery = graphql(`
  query NotificationSettings {
    notificationSettings {
      ...NotificationSettingsFields
    }
  }
`);

export const NotificationSettingsUpdateMutation = graphql(`
  mutation NotificationSettingsUpdate($input: NotificationSettingsInput!) {
    notificationSettingsUpdate(input: $input) {
      errors {
        field
        code
        message
      }
      settings {
        ...NotificationSettingsFields
      }
    }
  }
`);

export const FulfilmentSettingsFieldsFragment = graphql(`
  fragment FulfilmentSettingsFields on FulfilmentSettings {
    graceMinutes
    spotCheckPercent
    qaProductTypes
    batchMaxItems
    expressShippingMethods
    highValueThreshold
    dueSoonHours
    slaHours
    printMethods
    defaultPartnerId
    fallbackWarehouseId
  }
`);

export const FulfilmentSettingsQuery = graphql(`
  query FulfilmentSettings {
    fulfilmentSettings {
      ...FulfilmentSettingsFields
    }
    printPartners {
      id
      name
      isActive
    }
  }
`);

export const FulfilmentSettingsUpdateMutation = graphql(`
  mutation FulfilmentSettingsUpdate($input: FulfilmentSettingsInput!) {
    fulfilmentSettingsUpdate(input: $input) {
      errors {
        field
        code
        message
      }
      settings {
        ...FulfilmentSettingsFields
      }
    }
  }
`);

export const SettingsChangesQuery = graphql(`
  query SettingsChanges($first: Int!, $after: String) {
    settingsChanges(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          createdAt
          area
          subject
          actorType
          actorId
          actorEmail
          before
          after
        }
      }
    }
  }
`);
