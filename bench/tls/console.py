"""console: the defender tests' console stand-in (defender/tests/console_server.py) served twice over
one state, plain http and https (certificates made by defender/tests/tls_certs.py in FOLDER), so
that both transports talk to the same server. Prints "HTTP_URL HTTPS_URL CA_FILE" and serves until
killed. Usage: console.py FOLDER TOKEN APP_ID"""

import os
import ssl
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "defender", "tests"))
from console_server import ConsoleServer, ConsoleState  # noqa: E402
from tls_certs import Certs  # noqa: E402

folder, token, app_id = sys.argv[1:4]
certs = Certs(folder)
state = ConsoleState(token, app_id, token_lifetime=3600)
# nop and the shell are not allowed: every exec of the 100 execs/s app is audited and uploaded
state.set_rule({"name": "bench", "notes": "", "disabled": False, "scope": {"appIds": ["*"]},
                "processes": {"enabled": True, "allowed": ["loops", "sleep"], "denied": [], "effect": "alert",
                              "cryptoMiners": True, "modifiedBinaries": True},
                "network": {"enabled": False, "listeningPorts": [], "outboundPorts": [], "outboundIps": [],
                            "effect": "alert"},
                "dns": {"enabled": False, "allowed": [], "denied": [], "effect": "alert"}})
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(certs.good, certs.key)
plain = ConsoleServer(state).start()
tls = ConsoleServer(state, tls=ctx, host="localhost").start()
print(plain.url, tls.url, certs.ca, flush=True)
while True:
    time.sleep(3600)
