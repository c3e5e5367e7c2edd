"""Write small real PNG images for the e2e uploads: python make_images.py <folder> <name>...

Each file is a 1200 x 1600 RGB picture (a gradient with a block), so PodOps' image checks see a real,
decodable file of a plausible print size.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw


def main() -> None:
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(sys.argv[2:]):
        image = Image.linear_gradient("L").resize((1200, 1600)).convert("RGB")
        ImageDraw.Draw(image).rectangle((100 + index * 50, 100, 700, 900), fill=(200, 60 + index * 40, 40))
        image.save(folder / name, format="PNG")
        print(folder / name)


if __name__ == "__main__":
    main()
