"""Stands in for the TLS proxy's plain-HTTP listener while the Observatory scores a local server:
every request is answered with a permanent redirect to the same path over HTTPS.

python bench/observatory_redirect.py HTTP_PORT HTTPS_PORT   (README, Security)
"""

import http.server
import sys


class RedirectToHttps(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(301)
        self.send_header("Location", f"https://localhost:{sys.argv[2]}{self.path}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_OPTIONS = do_GET

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), RedirectToHttps)
    server.serve_forever()
