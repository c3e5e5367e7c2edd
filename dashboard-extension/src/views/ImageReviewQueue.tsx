/**
 * Image review: a grid of the photos assigned to the person. Keyboard first, for hundreds a day:
 * arrows (or j / k) move, A approves, R opens the reject form (reason, comment; Ctrl+Enter sends,
 * Escape cancels). The photos come with the page of work: one request per page, not one per card.
 * The queue comes in pages of 100 (PodOps' cursors): "Load more", or moving on past the last card,
 * appends the next page and selects its first card.
 */
import { Box, Button, Text } from "@saleor/macaw-ui";
import type { InfiniteData } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";

import { PhotoThumbnail, currentPhotos } from "../artwork/CustomerPhotos";
import { usePodOpsPagedQuery } from "../api/hooks";
import { type MorePages, pageNodes, pagedList } from "../api/paging";
import { ItemDetails } from "../components/ItemDetails";
import { ImageReviewWorkQuery } from "../graphql/documents";
import type {
  CustomerPhotoFieldsFragment,
  ImageReviewWorkQuery as ImageReviewWorkResult,
} from "../graphql/generated/graphql";
import { useItemAction } from "../workflow/itemActions";
import { useDashboardActions } from "../bridge/dashboardActions";
import { LoadMore, shownOf } from "../components/LoadMore";
import { EmptyState, ErrorState, QueryStates } from "../components/states";
import { RejectForm } from "../workflow/RejectForm";
import { QUEUE_PAGE_SIZE, WorkItemHeading } from "./workQueue";

type ReviewItem = NonNullable<NonNullable<ImageReviewWorkResult["myWork"]["edges"][number]>["node"]>;

/** The items of every page shown, in order, each once. */
export function reviewItems(data: InfiniteData<ImageReviewWorkResult, unknown>): ReviewItem[] {
  return pageNodes(data, (page) => page.myWork.edges);
}

export function ImageReviewQueue() {
  const query = usePodOpsPagedQuery(ImageReviewWorkQuery, { first: QUEUE_PAGE_SIZE }, (page) => page.myWork.pageInfo);
  const { states, more } = pagedList(query);
  return (
    <QueryStates
      query={states}
      loadingLabel="Loading your work…"
      isEmpty={(data) => reviewItems(data).length === 0}
      empty={<EmptyState title="All done">No photos waiting for review.</EmptyState>}
    >
      {(data) => (
        <ImageGrid items={reviewItems(data)} totalCount={data.pages[data.pages.length - 1]?.myWork.totalCount ?? 0} more={more} />
      )}
    </QueryStates>
  );
}

export function nextIndex(current: number, key: string, count: number, columns: number): number {
  switch (key) {
    case "ArrowRight":
    case "j":
      return Math.min(count - 1, current + 1);
    case "ArrowLeft":
    case "k":
      return Math.max(0, current - 1);
    case "ArrowDown":
      return Math.min(count - 1, current + columns);
    case "ArrowUp":
      return Math.max(0, current - columns);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return current;
  }
}

function columnsOf(grid: HTMLElement | null): number {
  if (!grid) {
    return 1;
  }
  const template = getComputedStyle(grid).gridTemplateColumns;
  return Math.max(1, template ? template.split(" ").filter(Boolean).length : 1);
}

/** Keys that move on from the last card: there, they load the next page. */
const FORWARD_KEYS = new Set(["ArrowRight", "j", "ArrowDown", "End"]);

function ImageGrid({ items, totalCount, more }: { items: ReviewItem[]; totalCount: number; more: MorePages }) {
  const [active, setActive] = useState(0);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const cardRefs = useRef<Array<HTMLDivElement | null>>([]);
  const mutation = useItemAction();
  const dashboard = useDashboardActions();
  const activeIndex = Math.min(active, items.length - 1);
  const activeItem = items[activeIndex];

  useEffect(() => {
    if (!rejecting) {
      cardRefs.current[activeIndex]?.focus();
    }
  }, [activeIndex, rejecting, items.length]);

  const loadMore = () => {
    if (more.loading) {
      return;
    }
    const firstNew = items.length;
    void more.load().then((loaded) => {
      if (loaded) {
        setActive(firstNew);
      }
    });
  };

  const approve = (item: ReviewItem) =>
    mutation.mutate(
      { action: "APPROVE_IMAGE", itemId: item.id },
      { onSuccess: () => dashboard.notify("success", `#${item.order.number}-${item.lineIndex} approved`) },
    );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!activeItem || rejecting || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const key = event.key;
    if (key === "a" || key === "A") {
      event.preventDefault();
      if (activeItem.availableActions.includes("APPROVE_IMAGE") && !mutation.isPending) {
        approve(activeItem);
      }
      return;
    }
    if (key === "r" || key === "R") {
      event.preventDefault();
      if (activeItem.availableActions.includes("REJECT_IMAGE")) {
        mutation.reset();
        setRejecting(activeItem.id);
      }
      return;
    }
    const next = nextIndex(activeIndex, key, items.length, columnsOf(gridRef.current));
    if (next !== activeIndex) {
      event.preventDefault();
      setActive(next);
    } else if (activeIndex === items.length - 1 && FORWARD_KEYS.has(key) && more.hasNextPage) {
      event.preventDefault();
      loadMore();
    }
  };

  return (
    <Box display="flex" flexDirection="column" gap={3}>
      <Text size={2} color="default2" data-testid="queue-count">
        {shownOf(items.length, totalCount)} waiting · ←→↑↓ move · A approve · R reject
      </Text>
      {mutation.isError ? <ErrorState title="Not done" error={mutation.error} /> : null}
      <Box
        ref={gridRef}
        display="grid"
        gap={3}
        __gridTemplateColumns="repeat(auto-fill, minmax(260px, 1fr))"
        role="listbox"
        aria-label="Photos to review"
        onKeyDown={onKeyDown}
      >
        {items.map((item, index) => (
          <Box
            key={item.id}
            ref={(element: HTMLDivElement | null) => {
              cardRefs.current[index] = element;
            }}
            role="option"
            aria-selected={index === activeIndex}
            tabIndex={index === activeIndex ? 0 : -1}
            onClick={() => setActive(index)}
            display="flex"
            flexDirection="column"
            gap={2}
            padding={3}
            borderRadius={4}
            borderWidth={1}
            borderStyle="solid"
            borderColor={index === activeIndex ? "accent1" : "default1"}
            backgroundColor={index === activeIndex ? "default1Hovered" : "default1"}
            data-testid="image-card"
            data-order={item.order.number}
          >
            <WorkItemHeading item={item} />
            <ReviewPhotos photos={item.customerUploads} />
            <ItemDetails item={item} />
            {rejecting === item.id ? (
              <RejectForm
                busy={mutation.isPending}
                onCancel={() => setRejecting(null)}
                onSubmit={({ reasonCode, comment }) =>
                  mutation.mutate(
                    { action: "REJECT_IMAGE", itemId: item.id, reasonCode, comment },
                    {
                      onSuccess: () => {
                        setRejecting(null);
                        dashboard.notify("info", `#${item.order.number}-${item.lineIndex} rejected`);
                      },
                    },
                  )
                }
              />
            ) : (
              <Box display="flex" gap={2}>
                {item.availableActions.includes("APPROVE_IMAGE") ? (
                  <Button size="small" disabled={mutation.isPending} onClick={() => approve(item)}>
                    Approve (A)
                  </Button>
                ) : null}
                {item.availableActions.includes("REJECT_IMAGE") ? (
                  <Button
                    size="small"
                    variant="error"
                    disabled={mutation.isPending}
                    onClick={() => {
                      mutation.reset();
                      setActive(index);
                      setRejecting(item.id);
                    }}
                  >
                    Reject (R)
                  </Button>
                ) : null}
              </Box>
            )}
          </Box>
        ))}
      </Box>
      <LoadMore
        more={more}
        remaining={`${Math.max(totalCount - items.length, 0)} more waiting`}
        failedTitle="The next photos did not load"
        onLoad={loadMore}
      />
    </Box>
  );
}

/** The photos to judge, as large as the card allows (a placeholder until the preview exists). */
function ReviewPhotos({ photos }: { photos: readonly CustomerPhotoFieldsFragment[] }) {
  const current = currentPhotos(photos);
  if (current.length === 0) {
    return (
      <Box __height="180px">
        <PhotoThumbnail photo={undefined} size="100%" />
      </Box>
    );
  }
  return (
    <Box display="flex" gap={1} __height="180px">
      {current.map((photo) => (
        <PhotoThumbnail key={photo.reference} photo={photo} size="100%" large />
      ))}
    </Box>
  );
}
