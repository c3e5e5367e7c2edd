"""HTTP adapter for files: the storefront's photo uploads and signed downloads of originals."""
