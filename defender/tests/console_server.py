"""console_server: a stand-in for the Ward console in the defender's own tests (until the real
policy-service and event-service run in the end-to-end test). It implements the contract's
defender-facing calls exactly — token exchange, resolve with ETag and long-poll, audit batches,
heartbeats — records what it receives, and can be stopped and started on the same port. With an
ssl.SSLContext it serves https, recording every connection and every failed handshake."""

import datetime
import json
import secrets
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from wire_schema import violations

RESOLVE = "/api/v1/policies/runtime/app-embedded/resolve"

# Every way a document sent or served broke the wire schema, across all test consoles; the test
# runner fails a test that added one (a defender writing off-contract JSON cannot pass silently).
SCHEMA_VIOLATIONS = []
_violations_lock = threading.Lock()


def check_schema(kind, document):
    found = violations(kind, document)
    if found:
        with _violations_lock:
            SCHEMA_VIOLATIONS.extend(found)
    return found


def problem(status, title, detail):
    return status, {"type": "about:blank", "title": title, "status": status, "detail": detail}


class ConsoleState:
    """Everything the server knows; survives stop/start like a real database would."""

    def __init__(self, install_token, app_id, token_lifetime=45):
        self.install_token = install_token
        self.app_id = app_id
        self.token_lifetime = token_lifetime
        self.cond = threading.Condition()
        self.revision = 1
        self.rule = None
        self.jwts = {}  # jwt -> expiry (epoch seconds)
        self.exchanges = 0
        self.audits = []  # every audit accepted, in order
        self.refuse = None  # audit -> bool: a batch holding one is refused whole (400), like an older console
        self.audit_ids = set()
        self.batches = []  # (accepted, duplicates) per POST
        self.heartbeats = []
        self.unauthorized = 0
        self.requests = []  # (method, path) in arrival order
        self.request_lines = []  # every request line and header block received, for "nothing was sent" checks
        self.connections = 0
        self.handshake_failures = []  # str(ssl.SSLError) per refused TLS handshake
        self.redirect = None  # a Location: every request is answered 308 to it, as a plain-http front door does

    def set_rule(self, rule):
        with self.cond:
            self.revision += 1
            self.rule = None if rule is None else dict(rule, revision=self.revision)
            self.cond.notify_all()

    def resolve_body(self):
        body = {"appId": self.app_id, "revision": self.revision, "rule": self.rule}
        check_schema("resolve-reply", body)  # the fixtures must stay what policy-service really sends
        return body


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: ConsoleState = None

    def log_message(self, fmt, *args):
        pass

    def parse_request(self):
        ok = super().parse_request()
        with self.state.cond:
            self.state.request_lines.append(self.raw_requestline.decode("latin-1") + str(self.headers or ""))
        if ok and self.state.redirect:
            self.reply(308, None, {"Location": self.state.redirect + self.path})
            return False
        return ok

    def reply(self, status, body=None, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        n = int(self.headers.get("Content-Length", "0"))
        return json.loads(self.rfile.read(n)) if n else None

    def authorized(self):
        auth = self.headers.get("Authorization", "")
        st = self.state
        with st.cond:
            expiry = st.jwts.get(auth[7:]) if auth.startswith("Bearer ") else None
            if expiry is None or expiry < time.time():
                st.unauthorized += 1
                return False
        return True

    def do_POST(self):
        st = self.state
        st.requests.append(("POST", self.path))
        if self.path == "/api/v1/auth/token":
            body = self.body() or {}
            if body.get("installToken") != st.install_token:
                return self.reply(*problem(401, "Unauthorized", "unknown install token"))
            jwt = "jwt." + secrets.token_hex(16)
            expiry = time.time() + st.token_lifetime
            with st.cond:
                st.jwts[jwt] = expiry
                st.exchanges += 1
            expires = datetime.datetime.fromtimestamp(expiry, datetime.timezone.utc)
            return self.reply(200, {"token": jwt, "expiresAt": expires.isoformat().replace("+00:00", "Z")})
        if not self.authorized():
            return self.reply(*problem(401, "Unauthorized", "missing or expired token"))
        if self.path == "/api/v1/audits/app-embedded":
            batch = self.body()
            check_schema("audit-batch", batch)
            if not isinstance(batch, list) or len(batch) > 1000:
                return self.reply(*problem(400, "Bad Request", "expected an array of at most 1000 audits"))
            accepted = duplicates = 0
            with st.cond:
                for audit in batch:
                    if audit.get("appId") != st.app_id:
                        return self.reply(*problem(403, "Forbidden", "another app id"))
                    if st.refuse and st.refuse(audit):
                        st.batches.append((0, 0))
                        return self.reply(*problem(400, "Bad Request", "an audit this console cannot take"))
                for audit in batch:
                    if audit["id"] in st.audit_ids:
                        duplicates += 1
                    else:
                        st.audit_ids.add(audit["id"])
                        st.audits.append(audit)
                        accepted += 1
                st.batches.append((accepted, duplicates))
                st.cond.notify_all()
            return self.reply(200, {"accepted": accepted, "duplicates": duplicates})
        if self.path == "/api/v1/defenders/heartbeat":
            hb = self.body()
            check_schema("heartbeat", hb)
            with st.cond:
                st.heartbeats.append(hb)
                st.cond.notify_all()
            return self.reply(204)
        return self.reply(*problem(404, "Not Found", self.path))

    def do_GET(self):
        st = self.state
        st.requests.append(("GET", self.path))
        url = urlparse(self.path)
        if url.path != RESOLVE:
            return self.reply(*problem(404, "Not Found", self.path))
        if not self.authorized():
            return self.reply(*problem(401, "Unauthorized", "missing or expired token"))
        q = parse_qs(url.query)
        if q.get("appId", [None])[0] != st.app_id:
            return self.reply(*problem(403, "Forbidden", "another app id"))
        wait = 0
        if "wait" in q:
            wait = min(60, int(q["wait"][0].rstrip("s")))
        seen = self.headers.get("If-None-Match")
        deadline = time.time() + wait
        with st.cond:
            while seen == '"%d"' % st.revision and time.time() < deadline and not self.server.stopping:
                st.cond.wait(min(0.05, max(0.0, deadline - time.time())))
            if seen == '"%d"' % st.revision:
                return self.reply(304, None, {"ETag": '"%d"' % st.revision})
            body = st.resolve_body()
        return self.reply(200, body, {"ETag": '"%d"' % body["revision"]})


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    tls = None  # ssl.SSLContext for https
    state = None

    def finish_request(self, request, client_address):
        with self.state.cond:
            self.state.connections += 1
        if self.tls:
            request.settimeout(10)
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError) as e:
                with self.state.cond:
                    self.state.handshake_failures.append(str(e))
                    self.state.cond.notify_all()
                return
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        pass  # a defender that exits mid long-poll closes its socket; that is normal


class ConsoleServer:
    """Runs the handler on a fixed port; stop() and start() simulate the console going away."""

    def __init__(self, state, port=0, tls=None, host="127.0.0.1"):
        self.state = state
        self.port = port
        self.tls = tls
        self.host = host
        self.httpd = None

    def start(self):
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self.httpd = QuietServer(("127.0.0.1", self.port), handler)
        self.httpd.stopping = False
        self.httpd.tls = self.tls
        self.httpd.state = self.state
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.httpd.stopping = True
        with self.state.cond:
            self.state.cond.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self):
        return "%s://%s:%d" % ("https" if self.tls else "http", self.host, self.port)
