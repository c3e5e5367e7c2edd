"""HTTP adapters of fulfilment: partner status webhooks, archive downloads, Prometheus metrics."""
