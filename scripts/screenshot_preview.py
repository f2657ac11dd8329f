#!/usr/bin/env python3
"""Screenshots of the example episode's companion page for the README (docs/preview-*.png).

Aligns examples/episode.zh.txt with examples/episode.en.vtt and the example audio, writes the page,
and photographs it in headless Chromium (Selenium) at desktop (1400x1000) and phone (390x844)
sizes, in light and dark colour schemes, a minute into the episode. Needs the project with its
test extra, chromium and chromium-driver, and a CJK font (Debian fonts-noto-cjk).

    python scripts/screenshot_preview.py [--out docs]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"desktop": (1400, 1000), "phone": (390, 844)}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    ap.add_argument("--at", type=float, default=62.0, help="second of the episode the page is shown at")
    a = ap.parse_args()
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("needs chromium and chromedriver on PATH", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from companion.cli import main as companion

    a.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        code = companion(["align", str(ROOT / "examples" / "episode.zh.txt"), "--transcript",
                          str(ROOT / "examples" / "episode.en.vtt"), "--audio", str(ROOT / "examples" / "episode.mp3"),
                          "--out", str(folder), "--name", "episode", "--preview", "--quiet"])
        if code != 0:
            return code
        page = (folder / "episode.preview" / "index.html").as_uri()
        for scheme in ("light", "dark"):
            for size, (width, height) in SIZES.items():
                options = webdriver.ChromeOptions()
                options.binary_location = shutil.which("chromium")
                for flag in FLAGS + [f"--user-data-dir={folder / f'profile-{scheme}-{size}'}",
                                     f"--window-size={width},{height}"]:
                    options.add_argument(flag)
                driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
                try:
                    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                           {"width": width, "height": height, "deviceScaleFactor": 1,
                                            "mobile": size == "phone"})
                    driver.get(page)
                    time.sleep(1.0)
                    driver.execute_script(f"const p = document.getElementById('player'); p.currentTime = {a.at};"
                                          "p.dispatchEvent(new Event('timeupdate'));")
                    time.sleep(0.5)
                    if size == "desktop":
                        driver.execute_script("document.querySelector('.sentence.current')"
                                              "?.scrollIntoView({block: 'center'})")
                    time.sleep(0.5)
                    name = a.out / f"preview-{size}{'-dark' if scheme == 'dark' else ''}.png"
                    driver.save_screenshot(str(name))
                    print(name)
                finally:
                    driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
