from django.apps import AppConfig


class ArtworkConfig(AppConfig):
    name = "saleor_podops.artwork"
    label = "podops_artwork"
