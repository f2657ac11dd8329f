"""Shared fixtures: paths to the example episode shipped in the repository."""

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--autoplay-policy=no-user-gesture-required"]


@pytest.fixture
def chromium(tmp_path):
    """Serve a folder on localhost and return the DOM of a page after its scripts ran in headless Chromium."""
    import functools
    import http.server
    import shutil
    import subprocess
    import threading

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("headless Chromium is not installed (Debian package 'chromium'; .ci/run installs it)")

    servers = []

    def render(folder: Path, page: str, budget_ms: int = 5000) -> str:
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        handler.log_message = lambda *args: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
        profile = tmp_path / f"chromium-profile-{len(servers)}"
        result = subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                                 f"--virtual-time-budget={budget_ms}", url],
                                capture_output=True, text=True, timeout=120)
        return result.stdout

    yield render
    for server in servers:
        server.shutdown()


@pytest.fixture
def browser(tmp_path):
    """A Selenium-driven headless Chromium (Debian chromium + chromium-driver), with the console log kept."""
    import shutil

    webdriver = pytest.importorskip("selenium.webdriver")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        pytest.skip("headless Chromium with chromedriver is not installed (Debian 'chromium', 'chromium-driver'; "
                    ".ci/run installs them)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,900"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
