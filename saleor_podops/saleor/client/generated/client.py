from typing import Any, Optional, Union

from .app_id import AppId
from .app_webhooks import AppWebhooks
from .base_client import BaseClient
from .base_model import UNSET, UnsetType
from .customer_owned_orders import CustomerOwnedOrders
from .fulfillment_update_tracking import FulfillmentUpdateTracking
from .input_types import (
    FulfillmentUpdateTrackingInput,
    MetadataInput,
    OrderFulfillInput,
    WebhookCreateInput,
    WebhookUpdateInput,
)
from .order_fulfill import OrderFulfill
from .order_fulfilment_state import OrderFulfilmentState
from .order_note_add import OrderNoteAdd
from .product_types import ProductTypes
from .update_public_metadata import UpdatePublicMetadata
from .webhook_create import WebhookCreate
from .webhook_update import WebhookUpdate


def gql(q: str) -> str:
    return q


class Client(BaseClient):
    def app_id(self, **kwargs: Any) -> AppId:
        query = gql("""
            query AppId {
              app {
                id
              }
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="AppId", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return AppId.model_validate(data)

    def app_webhooks(self, **kwargs: Any) -> AppWebhooks:
        query = gql("""
            query AppWebhooks {
              app {
                id
                webhooks {
                  id
                  name
                  identifier
                  targetUrl
                  isActive
                  asyncEvents {
                    eventType
                  }
                  subscriptionQuery
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="AppWebhooks", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return AppWebhooks.model_validate(data)

    def customer_owned_orders(
        self, ids: list[str], first: int, **kwargs: Any
    ) -> CustomerOwnedOrders:
        query = gql("""
            query CustomerOwnedOrders($ids: [ID!]!, $first: Int!) {
              me {
                id
                orders(first: $first, where: {ids: $ids}) {
                  edges {
                    node {
                      id
                    }
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"ids": ids, "first": first}
        response = self.execute(
            query=query,
            operation_name="CustomerOwnedOrders",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CustomerOwnedOrders.model_validate(data)

    def fulfillment_update_tracking(
        self, id: str, input: FulfillmentUpdateTrackingInput, **kwargs: Any
    ) -> FulfillmentUpdateTracking:
        query = gql("""
            mutation FulfillmentUpdateTracking($id: ID!, $input: FulfillmentUpdateTrackingInput!) {
              orderFulfillmentUpdateTracking(id: $id, input: $input) {
                errors {
                  field
                  code
                  message
                }
                fulfillment {
                  id
                  trackingNumber
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id, "input": input}
        response = self.execute(
            query=query,
            operation_name="FulfillmentUpdateTracking",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return FulfillmentUpdateTracking.model_validate(data)

    def order_fulfill(
        self, order: str, input: OrderFulfillInput, **kwargs: Any
    ) -> OrderFulfill:
        query = gql("""
            mutation OrderFulfill($order: ID!, $input: OrderFulfillInput!) {
              orderFulfill(order: $order, input: $input) {
                errors {
                  field
                  code
                  message
                }
                fulfillments {
                  id
                  trackingNumber
                }
              }
            }
            """)
        variables: dict[str, object] = {"order": order, "input": input}
        response = self.execute(
            query=query, operation_name="OrderFulfill", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderFulfill.model_validate(data)

    def order_fulfilment_state(self, id: str, **kwargs: Any) -> OrderFulfilmentState:
        query = gql("""
            query OrderFulfilmentState($id: ID!) {
              order(id: $id) {
                id
                channel {
                  warehouses {
                    id
                  }
                }
                lines {
                  id
                  quantityToFulfill
                  allocations {
                    quantity
                    warehouse {
                      id
                    }
                  }
                }
                fulfillments {
                  id
                  trackingNumber
                  lines {
                    quantity
                    orderLine {
                      id
                    }
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query,
            operation_name="OrderFulfilmentState",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return OrderFulfilmentState.model_validate(data)

    def order_note_add(self, order: str, message: str, **kwargs: Any) -> OrderNoteAdd:
        query = gql("""
            mutation OrderNoteAdd($order: ID!, $message: String!) {
              orderNoteAdd(order: $order, input: {message: $message}) {
                errors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {"order": order, "message": message}
        response = self.execute(
            query=query, operation_name="OrderNoteAdd", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderNoteAdd.model_validate(data)

    def product_types(
        self,
        first: int,
        search: Union[Optional[str], UnsetType] = UNSET,
        slugs: Union[Optional[list[str]], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> ProductTypes:
        query = gql("""
            query ProductTypes($first: Int!, $search: String, $slugs: [String!]) {
              productTypes(
                first: $first
                filter: {search: $search, slugs: $slugs}
                sortBy: {field: NAME, direction: ASC}
              ) {
                edges {
                  node {
                    slug
                    name
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "search": search,
            "slugs": slugs,
        }
        response = self.execute(
            query=query, operation_name="ProductTypes", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ProductTypes.model_validate(data)

    def update_public_metadata(
        self, id: str, input: list[MetadataInput], **kwargs: Any
    ) -> UpdatePublicMetadata:
        query = gql("""
            mutation UpdatePublicMetadata($id: ID!, $input: [MetadataInput!]!) {
              updateMetadata(id: $id, input: $input) {
                errors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id, "input": input}
        response = self.execute(
            query=query,
            operation_name="UpdatePublicMetadata",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return UpdatePublicMetadata.model_validate(data)

    def webhook_create(self, input: WebhookCreateInput, **kwargs: Any) -> WebhookCreate:
        query = gql("""
            mutation WebhookCreate($input: WebhookCreateInput!) {
              webhookCreate(input: $input) {
                errors {
                  field
                  code
                  message
                }
                webhook {
                  id
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query, operation_name="WebhookCreate", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return WebhookCreate.model_validate(data)

    def webhook_update(
        self, id: str, input: WebhookUpdateInput, **kwargs: Any
    ) -> WebhookUpdate:
        query = gql("""
            mutation WebhookUpdate($id: ID!, $input: WebhookUpdateInput!) {
              webhookUpdate(id: $id, input: $input) {
                errors {
                  field
                  code
                  message
                }
                webhook {
                  id
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id, "input": input}
        response = self.execute(
            query=query, operation_name="WebhookUpdate", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return WebhookUpdate.model_validate(data)
