"""HTTP server: pages from templates/ and files from static/, both found in the working directory."""

import argparse
import html
import os
import signal
import string
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NOTICES = [
    ("bins", "Bin collection moves to Thursday", "From next week the bins are collected on Thursday mornings."),
    ("choir", "Choir rehearsal", "Rehearsals start at 19:30 in the hall; new voices welcome."),
    ("market", "Saturday market", "Stalls open at 8:00. Bring your own bags."),
]


class Site:
    def __init__(self, root: Path):
        self.static = root / "static"
        if not self.static.is_dir():
            raise SystemExit(f"noticeboard: no static/ folder in {root}")
        self.templates = {p.stem: string.Template(p.read_text()) for p in (root / "templates").glob("*.html")}
        for name in ("list", "notice", "missing"):
            if name not in self.templates:
                raise SystemExit(f"noticeboard: templates/{name}.html is missing in {root}")

    def page(self, name: str, **values) -> bytes:
        return self.templates[name].substitute(**values).encode()


def handler_for(site: Site):
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site.static), **kwargs)

        def log_message(self, fmt, *args):
            sys.stderr.write("noticeboard: " + fmt % args + "\n")

        def send_page(self, status, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/":
                items = "\n".join(
                    f'<li><a href="/notice/{key}">{html.escape(title)}</a></li>' for key, title, _ in NOTICES
                )
                return self.send_page(HTTPStatus.OK, site.page("list", items=items, count=len(NOTICES)))
            if self.path.startswith("/notice/"):
                key = self.path[len("/notice/"):]
                for k, title, text in NOTICES:
                    if k == key:
                        return self.send_page(HTTPStatus.OK, site.page("notice", title=html.escape(title), text=html.escape(text)))
                return self.send_page(HTTPStatus.NOT_FOUND, site.page("missing", key=html.escape(key)))
            if self.path.startswith("/static/"):
                self.path = self.path[len("/static"):]
                return super().do_GET()
            if self.path == "/healthz":
                return self.send_page(HTTPStatus.OK, b"ok\n")
            return self.send_page(HTTPStatus.NOT_FOUND, site.page("missing", key=html.escape(self.path)))

    return Handler


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="noticeboard")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    site = Site(Path(os.getcwd()))
    server = ThreadingHTTPServer(("0.0.0.0", args.port), handler_for(site))

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"noticeboard: serving {os.getcwd()} on port {args.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
