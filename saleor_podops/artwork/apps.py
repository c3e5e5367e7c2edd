from django.apps import AppConfig


class ArtworkConfig(AppConfig):
    name = "saleor_podops.artwork"
    label = "podops_artwork"

    def ready(self) -> None:
        from django.conf import settings
        from PIL import Image

        # Pillow's own bomb guard at the same limit as ours (imaging.py checks it explicitly too).
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
