"""pwn-python: a deliberately vulnerable admin console (the seed's webadmin app) for Ward demos.

DO NOT deploy this anywhere that matters: any authenticated user can run shell commands.
GET /?cmd=<command> runs <command> through /bin/sh and shows its output; when running it fails
(for example because Ward prevented it) the page shows NONE.
"""
import base64
import hmac
import html
import os
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

USERNAME = os.environ.get("PWN_USER", "antitree")
PASSWORD = os.environ.get("PWN_PASSWORD", "password")
PORT = int(os.environ.get("PORT", "5000"))
HOST = os.environ.get("HOST", "0.0.0.0")
COMMAND_TIMEOUT = 10

PAGE = """<!doctype html>
<html><head><title>WebAdmin</title></head>
<body>
<h1>WebAdmin console</h1>
<form method="get"><input name="cmd" value="{cmd}" size="60"><button>Run</button></form>
<h2>Output</h2>
<pre id="output">{output}</pre>
</body></html>
"""


def run_command(cmd):
    """Runs cmd through the shell, as the vulnerable original does; returns its output or NONE."""
    try:
        result = subprocess.run(cmd, shell=True, capture_output=True, timeout=COMMAND_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return "NONE"
    if result.returncode != 0 and not result.stdout:
        return "NONE"
    return result.stdout.decode("utf-8", "replace")


class Handler(BaseHTTPRequestHandler):
    server_version = "WebAdmin/1.0"

    def authorized(self):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(user, USERNAME) and hmac.compare_digest(password, PASSWORD)

    def do_GET(self):
        if not self.authorized():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="webadmin"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        query = parse_qs(urlparse(self.path).query)
        cmd = query.get("cmd", [""])[0]
        output = run_command(cmd) if cmd else ""
        body = PAGE.format(cmd=html.escape(cmd, quote=True), output=html.escape(output)).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))


def main():
    server = ThreadingHTTPServer((HOST, PORT), Handler)
    sys.stderr.write("webadmin listening on %s:%d\n" % (HOST, server.server_address[1]))
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
