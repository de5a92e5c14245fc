"""Serve a folder of pages on 127.0.0.1, as a stand-in for a real site.

`sentra run` crawls the bundled sample site through this server with the same code that crawls real
sites, and tests use it the same way. Files ending in .xml, .txt and .yaml may contain the placeholder
``${BASE_URL}``: sitemaps and feeds need absolute URLs, and the port is only known once the server runs.
"""
from __future__ import annotations

import contextlib
import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

SAMPLE_SITE = Path(__file__).parent / "sample_site"
SAMPLE_SOURCES = SAMPLE_SITE / "sources.yaml"
PLACEHOLDER = "${BASE_URL}"
# The sample site is served on this port when it is free, so that the URLs of a day are the same when the
# day is run again (a resumed or repeated run recognises what it already fetched). Any free port otherwise.
PREFERRED_PORT = 8765
_TEMPLATED = {".xml", ".txt", ".yaml"}


class _SiteHandler(SimpleHTTPRequestHandler):
    base_url = ""

    def log_message(self, format, *args):  # noqa: A002 - keep test and CLI output quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.suffix not in _TEMPLATED or not path.is_file():
            return super().send_head()
        body = path.read_text(encoding="utf-8").replace(PLACEHOLDER, self.base_url).encode("utf-8")
        ctype = {"xml": "application/xml", "txt": "text/plain", "yaml": "text/plain"}[path.suffix[1:]]
        self.send_response(200)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_folder(root: Path = SAMPLE_SITE, port: int | None = None) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 in a background thread; yields the base URL, stops on exit.

    port=None tries PREFERRED_PORT, then any free port; port=0 takes any free port.
    """
    handler = type("Handler", (_SiteHandler,), {})
    factory = functools.partial(handler, directory=str(root))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", PREFERRED_PORT if port is None else port), factory)
    except OSError:
        if port is not None:
            raise
        server = ThreadingHTTPServer(("127.0.0.1", 0), factory)
    handler.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="local-site", daemon=True)
    thread.start()
    try:
        yield handler.base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
