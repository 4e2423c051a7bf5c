"""integration: network and DNS enforcement on the real kernel — real sockets inside an app run by
the real ward-defender (listening ports, outbound addresses and ports, DNS through glibc's resolver,
a musl-style unconnected UDP query and TCP, against the loopback responder in dns_responder.py).
Run by run.sh after the unit tests; prints ok/not ok lines and "N passed, M failed"."""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.dirname(HERE))
from run import DEFENDER, LACKS, Env, SkipTest, check, run_on_older_kernels, run_tests  # noqa: E402

PROBE = os.environ["WD_DNS_PROBE"]
RACE = os.environ["WD_RACE_CONNECT"]
URING = os.environ["WD_URING_CONNECT"]
DNS_IP = "127.0.0.153"
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def net_rule(network=None, dns=None, name="N"):
    """A rule as policy-service stores it (every field filled in: wire-schema/), with network and dns
    sections off unless given."""
    return {"name": name, "notes": "", "disabled": False, "scope": {"appIds": ["*"]},
            "processes": {"enabled": False, "allowed": [], "denied": [], "effect": "alert",
                          "cryptoMiners": False, "modifiedBinaries": False},
            "network": network or {"enabled": False, "listeningPorts": [], "outboundPorts": [],
                                   "outboundIps": [], "effect": "alert"},
            "dns": dns or {"enabled": False, "allowed": [], "denied": [], "effect": "alert"},
            "revision": 9, "modified": "2026-11-28T12:00:00Z", "modifiedBy": "admin"}


def network(listening=(), ports=(), ips=(), effect="prevent"):
    return {"enabled": True, "listeningPorts": list(listening), "outboundPorts": list(ports),
            "outboundIps": list(ips), "effect": effect}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def local_ip():
    """A non-loopback address of this machine (no packet is sent)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("192.0.2.1", 9))
        ip = s.getsockname()[0]
    except OSError:
        ip = None
    finally:
        s.close()
    if not ip or ip.startswith("127."):
        raise SkipTest("no non-loopback IPv4 address")
    return ip


class EchoServer:
    """A TCP server outside the defender: answers "pong:" + what it got; counts connections."""

    def __init__(self, host="0.0.0.0"):
        self.accepted = 0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            with c:
                c.settimeout(2)
                try:
                    data = c.recv(100)
                except OSError:
                    continue
                c.sendall(b"pong:" + data)

    def close(self):
        self.sock.close()


APP = r'''
import errno, socket, sys
def attempt(label, fn):
    try:
        print(label, fn())
    except OSError as e:
        print(label, errno.errorcode.get(e.errno, e.errno))
def listen(port, kind="tcp"):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if kind == "tcp" else socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    if kind == "tcp":
        s.listen(4)
    return "listening"
def talk(host, port):
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(b"ping")
    return s.recv(100).decode()
def udp(host, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    return s.sendto(b"x", (host, port))
def udpmsg(host, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    return s.sendmsg([b"x", b"yz"], [], 0, (host, port))
def raw(kind):
    family, kind_type, proto = {"packet": (socket.AF_PACKET, socket.SOCK_RAW, 0),
                                "ip": (socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP),
                                "ip6": (socket.AF_INET6, socket.SOCK_RAW | socket.SOCK_CLOEXEC, socket.IPPROTO_UDP),
                                "tcp": (socket.AF_INET, socket.SOCK_STREAM, 0)}[kind]
    socket.socket(family, kind_type, proto).close()
    return "opened"
def run(args):
    for arg in args:
        op, _, rest = arg.partition(":")
        params = rest.split(",")
        if op == "listen":
            attempt(arg, lambda: listen(int(params[0]), params[1] if len(params) > 1 else "tcp"))
        elif op == "talk":
            attempt(arg, lambda: talk(params[0], int(params[1])))
        elif op == "udp":
            attempt(arg, lambda: udp(params[0], int(params[1])))
        elif op == "udpmsg":
            attempt(arg, lambda: udpmsg(params[0], int(params[1])))
        elif op == "raw":
            attempt(arg, lambda: raw(params[0]))
def in_thread(args, own_files):
    if own_files:  # unshare(CLONE_FILES): this thread gets a file table of its own
        import ctypes
        assert ctypes.CDLL(None, use_errno=True).unshare(0x400) == 0
    run(args)
# "thread" / "thread-own-files" first: every call is made by a thread that does not lead the process
if sys.argv[1] in ("thread", "thread-own-files"):
    import threading
    t = threading.Thread(target=in_thread, args=(sys.argv[2:], sys.argv[1] == "thread-own-files"))
    t.start()
    t.join()
else:
    run(sys.argv[1:])
'''


def run_app(env, r, *ops, extra_env=None, stderr=None):
    env.keep(r)
    app = env.write("app.py", APP)
    out = env.run(["python3", app] + list(ops), env=extra_env)
    check(out.returncode == 0, "app failed: %r" % (out,))
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    if stderr is not None:
        stderr.append(out.stderr)
    return lines, env.spooled()


def expect_network_audit(a, effect, reason, direction, protocol, ip, port, rname="N"):
    check(a["type"] == "network" and a["effect"] == effect and a["reason"] == reason,
          "audit type/effect/reason: %r" % a)
    check(a["network"] == {"direction": direction, "protocol": protocol, "ip": ip, "port": port},
          "audit network: %r" % a["network"])
    check(a["dns"] is None and a["ruleName"] == rname and a["ruleRevision"] == 9, "audit: %r" % a)
    check(set(a["process"]) == {"path", "command", "pid", "ppid", "parentPath", "user", "uid"},
          "process fields %r" % a["process"])
    check(os.path.basename(a["process"]["path"]).startswith("python3") and "app.py" in a["process"]["command"],
          "process: %r" % a["process"])
    check(str(port) in a["message"] and rname in a["message"], "message: %r" % a["message"])


# ---------------------------------------------------------------- listening ports

@test
def allowed_port_listens_other_port_prevented(env):
    ok, other, udp_other = free_port(), free_port(), free_port()
    lines, audits = run_app(env, net_rule(network([str(ok)])), "listen:%d" % ok, "listen:%d" % other,
                            "listen:%d,udp" % udp_other, "listen:0,udp")
    check(lines["listen:%d" % ok] == "listening", lines)
    check(lines["listen:%d" % other] == "EACCES", lines)
    check(lines["listen:%d,udp" % udp_other] == "EACCES", lines)
    check(lines["listen:0,udp"] == "listening", "an ephemeral UDP port is a client's, not a listener: %r" % lines)
    check(len(audits) == 2, audits)
    expect_network_audit(audits[0], "prevent", "listen-port", "listen", "tcp", "0.0.0.0", other)
    expect_network_audit(audits[1], "prevent", "listen-port", "listen", "udp", "0.0.0.0", udp_other)


@test
def other_port_alerts_and_listens_under_alert(env):
    ok, other = free_port(), free_port()
    lines, audits = run_app(env, net_rule(network(["%d-%d" % (ok, ok)], effect="alert")),
                            "listen:%d" % ok, "listen:%d" % other)
    check(lines["listen:%d" % ok] == "listening" and lines["listen:%d" % other] == "listening", lines)
    check(len(audits) == 1, audits)
    expect_network_audit(audits[0], "alert", "listen-port", "listen", "tcp", "0.0.0.0", other)


@test
def a_thread_s_calls_are_decided_on_its_own_sockets(env):
    # a thread that does not lead its process: without PIDFD_THREAD its sockets are taken through
    # the process and checked against /proc/TID/fd
    ok, other = free_port(), free_port()
    server = EchoServer()
    try:
        lines, audits = run_app(env, net_rule(network([str(ok)], ports=["9"])), "thread", "listen:%d" % ok,
                                "listen:%d" % other, "talk:127.0.0.1,%d" % server.port, "udp:198.51.100.7,9",
                                "udp:198.51.100.7,10")
    finally:
        server.close()
    check(lines == {"listen:%d" % ok: "listening", "listen:%d" % other: "EACCES",
                    "talk:127.0.0.1,%d" % server.port: "pong:ping", "udp:198.51.100.7,9": "1",
                    "udp:198.51.100.7,10": "EACCES"}, lines)
    check(len(audits) == 2, audits)
    expect_network_audit(audits[0], "prevent", "listen-port", "listen", "tcp", "0.0.0.0", other)
    expect_network_audit(audits[1], "prevent", "outbound", "outbound", "udp", "198.51.100.7", 10)


@test
def a_thread_with_a_file_table_of_its_own_is_refused_without_pidfd_thread(env):
    ok = free_port()
    r = net_rule(network([str(ok)]))
    lines, _ = run_app(env, r, "thread-own-files", "listen:%d" % ok, extra_env={LACKS: ""})
    check(lines == {"listen:%d" % ok: "listening"}, "PIDFD_THREAD names the thread itself: %r" % lines)
    stderr = []
    lines, _ = run_app(env, r, "thread-own-files", "listen:%d" % ok, extra_env={LACKS: "pidfd-thread"},
                       stderr=stderr)
    check(lines == {"listen:%d" % ok: "EPERM"}, "its process's table holds another file: %r" % lines)
    check("has a file table of its own: without PIDFD_THREAD (Linux 6.9)" in stderr[0], stderr)


# ---------------------------------------------------------------- outbound

@test
def outbound_to_allowed_cidr_works_denied_address_blocked(env):
    ip = local_ip()
    server = EchoServer()
    try:
        lines, audits = run_app(env, net_rule(network(ips=[ip + "/24"])), "talk:%s,%d" % (ip, server.port),
                                "talk:198.51.100.7,%d" % server.port, "udp:198.51.100.7,9",
                                "talk:127.0.0.1,%d" % server.port, "udpmsg:198.51.100.7,9",
                                "udpmsg:%s,9" % ip)
    finally:
        server.close()
    check(lines["talk:%s,%d" % (ip, server.port)] == "pong:ping", lines)
    check(lines["talk:198.51.100.7,%d" % server.port] == "ECONNREFUSED", lines)
    check(lines["udp:198.51.100.7,9"] == "EACCES", lines)
    check(lines["talk:127.0.0.1,%d" % server.port] == "pong:ping", "loopback always allowed: %r" % lines)
    check(lines["udpmsg:198.51.100.7,9"] == "EACCES" and lines["udpmsg:%s,9" % ip] == "3",
          "sendmsg decided like sendto, sent by the defender: %r" % lines)
    check(len(audits) == 3, audits)
    expect_network_audit(audits[0], "prevent", "outbound", "outbound", "tcp", "198.51.100.7", server.port)
    expect_network_audit(audits[1], "prevent", "outbound", "outbound", "udp", "198.51.100.7", 9)
    expect_network_audit(audits[2], "prevent", "outbound", "outbound", "udp", "198.51.100.7", 9)


@test
def outbound_port_list_and_alert(env):
    ip = local_ip()
    allowed, other = EchoServer(), EchoServer()
    try:
        lines, audits = run_app(env, net_rule(network(ports=[str(allowed.port)], effect="alert")),
                                "talk:%s,%d" % (ip, allowed.port), "talk:%s,%d" % (ip, other.port))
    finally:
        allowed.close()
        other.close()
    check(lines["talk:%s,%d" % (ip, allowed.port)] == "pong:ping", lines)
    check(lines["talk:%s,%d" % (ip, other.port)] == "pong:ping", "alert lets it through: %r" % lines)
    check(len(audits) == 1, audits)
    expect_network_audit(audits[0], "alert", "outbound", "outbound", "tcp", ip, other.port)


@test
def rewriting_the_address_during_the_check_never_reaches_a_denied_peer(env):
    ip = local_ip()
    # each peer on its own address only: a torn copy (one peer's address, the other's port) reaches neither
    allowed, denied = EchoServer("127.0.0.1"), EchoServer(ip)
    env.keep(net_rule(network(ips=["203.0.113.0/24"])))
    try:
        out = env.run([RACE, "127.0.0.1", str(allowed.port), ip, str(denied.port), "3000"], timeout=120)
        time.sleep(0.2)
    finally:
        allowed.close()
        denied.close()
    check(out.returncode == 0 and out.stdout.startswith("connected "), out)
    connected, refused = int(out.stdout.split()[1]), int(out.stdout.split()[3])
    check(denied.accepted == 0, "%d connections reached the denied peer (%s)" % (denied.accepted, out.stdout))
    check(connected == allowed.accepted and connected + refused == 3000, "%s, allowed peer saw %d"
          % (out.stdout.strip(), allowed.accepted))
    audits = env.spooled()
    check(refused > 0 and 0 < len(audits) <= refused and all(a["network"]["ip"] == ip for a in audits),
          "refusals of the denied address audited: %d audits, %s" % (len(audits), out.stdout.strip()))


def expect_raw_socket_audit(a, effect, kind, ip):
    check(a["type"] == "network" and a["effect"] == effect and a["reason"] == "outbound", "audit: %r" % a)
    check(a["network"] == {"direction": "outbound", "protocol": "raw", "ip": ip, "port": 0},
          "audit network: %r" % a["network"])
    check("opened a raw socket (%s)" % kind in a["message"] and "rule N" in a["message"], a["message"])
    check(os.path.basename(a["process"]["path"]).startswith("python3"), a["process"])


@test
def raw_and_packet_sockets_refused_while_outbound_is_restricted(env):
    # they send to any address with any port, past the outbound lists (needs CAP_NET_RAW: root here)
    lines, audits = run_app(env, net_rule(network(ports=["443"])), "raw:packet", "raw:ip", "raw:ip6", "raw:tcp")
    check(lines == {"raw:packet": "EPERM", "raw:ip": "EPERM", "raw:ip6": "EPERM", "raw:tcp": "opened"}, lines)
    check(len(audits) == 3, audits)
    expect_raw_socket_audit(audits[0], "prevent", "packet", "0.0.0.0")
    expect_raw_socket_audit(audits[1], "prevent", "IP", "0.0.0.0")
    expect_raw_socket_audit(audits[2], "prevent", "IP", "::")


@test
def raw_sockets_alert_under_alert_and_open_without_outbound_lists(env):
    lines, audits = run_app(env, net_rule(network(ips=["10.0.0.0/8"], effect="alert")), "raw:packet")
    check(lines == {"raw:packet": "opened"} and len(audits) == 1, (lines, audits))
    expect_raw_socket_audit(audits[0], "alert", "packet", "0.0.0.0")
    env2 = Env()
    try:
        lines, audits = run_app(env2, net_rule(network(listening=["5000"])), "raw:packet", "raw:ip")
    finally:
        env2.close()
    check(lines == {"raw:packet": "opened", "raw:ip": "opened"} and audits == [], (lines, audits))


@test
def io_uring_cannot_go_around_the_outbound_rule(env):
    # IORING_OP_CONNECT connects without the connect system call: the filter refuses io_uring itself
    ip = local_ip()
    allowed, denied = EchoServer(), EchoServer()
    env.keep(net_rule(network(ports=[str(allowed.port)])))
    try:
        out = env.run([URING, ip, str(denied.port)])
        time.sleep(0.2)
    finally:
        allowed.close()
        denied.close()
    check(out.stdout == "io_uring_setup: ENOSYS\n", out)
    check(denied.accepted == 0, "%d connections reached the denied peer" % denied.accepted)


SEED_DRIVER = r'''
import base64, subprocess, sys, time, urllib.request
subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
defender, data, app = sys.argv[1:4]
proc = subprocess.Popen([defender, "run", "--app-id", "webadmin-aci", "--data-folder", data, "--",
                         "python3", app], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
auth = "Basic " + base64.b64encode(b"antitree:password").decode()
body = "NOTHING"
for _ in range(100):
    try:
        req = urllib.request.Request("http://127.0.0.1:5000/", headers={"Authorization": auth})
        body = urllib.request.urlopen(req, timeout=2).read().decode()
        break
    except OSError:
        time.sleep(0.1)
proc.terminate()
proc.wait(timeout=10)
print(body)
'''


@test
def seed_rule_lets_pwn_python_serve_on_5000(env):
    """The seed's rule (port 5000, DNS on with empty lists), in a network namespace of its own so
    that port 5000 is free whatever else runs on the machine."""
    app = os.path.join(REPO, "examples", "pwn-python", "app.py")
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        raise SkipTest("needs root, unshare and ip for a private network namespace")
    seed = net_rule(network(["5000"], effect="alert"), {"enabled": True, "allowed": [], "denied": [],
                                                        "effect": "alert"})
    env.keep(seed)
    driver = env.write("seed.py", SEED_DRIVER)
    out = subprocess.run(["unshare", "--net", sys.executable, driver, DEFENDER, env.data, app],
                         capture_output=True, text=True, timeout=60)
    check("<h1>WebAdmin console</h1>" in out.stdout, "pwn-python served: %r" % (out,))
    check(env.spooled() == [], "no audits: %r" % env.spooled())


# ---------------------------------------------------------------- DNS

class Responder:
    def __init__(self, env, address=DNS_IP):
        if os.geteuid() != 0:
            raise SkipTest("binding port 53 needs root")
        self.log = env.path("dns.log")
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "dns_responder.py"), "--address", address,
                                      "--port", "53", "--record", "good.example=192.0.2.10", "--record",
                                      "blocked.example=192.0.2.66", "--record", "x.evil.example=192.0.2.67",
                                      "--log", self.log], stdout=subprocess.PIPE, text=True)
        check(self.proc.stdout.readline().strip() == "ready", "responder did not start")

    def questions(self):
        with open(self.log) as f:
            return [line.split()[1] for line in f]

    def close(self):
        self.proc.kill()
        self.proc.wait()


def dns_rule(effect):
    return net_rule(dns={"enabled": True, "allowed": [], "denied": ["blocked.example", "*.evil.example"],
                         "effect": effect})


def probe(env, mode, name, server=DNS_IP, wrap=()):
    out = env.run([PROBE, mode, server, "53", name], timeout=30, wrap=wrap)
    return out.returncode, out.stdout.strip()


def expect_dns_audit(a, effect, domain):
    check(a["type"] == "dns" and a["reason"] == "dns" and a["effect"] == effect, "audit: %r" % a)
    check(a["dns"] == {"domain": domain, "queryType": "A"} and a["network"] is None, "audit dns: %r" % a)
    check(a["process"]["path"].endswith("dns_probe") and a["process"]["command"].startswith(PROBE),
          "audit process: %r" % a["process"])
    check(domain in a["message"] and "N" in a["message"], "message: %r" % a["message"])


@test
def denied_name_fails_under_prevent_for_every_resolver_path(env):
    responder = Responder(env)
    try:
        env.keep(dns_rule("prevent"))
        results = {}
        for mode in ("glibc", "udp", "tcp"):
            results[mode, "good"] = probe(env, mode, "good.example")
            results[mode, "blocked"] = probe(env, mode, "blocked.example")
            results[mode, "wild"] = probe(env, mode, "X.Evil.Example.")
        asked = responder.questions()
    finally:
        responder.close()
    for mode in ("glibc", "udp", "tcp"):
        check(results[mode, "good"] == (0, "answer 192.0.2.10"), "%s good: %r" % (mode, results))
        check(results[mode, "blocked"][0] != 0 and results[mode, "wild"][0] != 0, "%s blocked: %r" % (mode, results))
    check(results["glibc", "blocked"][0] == 3 and results["tcp", "blocked"][0] == 3,
          "NXDOMAIN for redirected sockets: %r" % results)
    check(results["udp", "blocked"] == (6, "error sendto Permission denied"), "udp: %r" % (results["udp", "blocked"],))
    check("blocked.example" not in asked and "x.evil.example" not in asked,
          "a prevented query never reached the nameserver: %r" % asked)
    check(asked.count("good.example") >= 3, asked)
    audits = env.spooled()
    check(len(audits) == 6, audits)
    for a, domain in zip(audits, ["blocked.example", "x.evil.example"] * 3):
        expect_dns_audit(a, "prevent", domain)


@test
def denied_name_resolves_under_alert(env):
    responder = Responder(env)
    try:
        env.keep(dns_rule("alert"))
        result = probe(env, "glibc", "blocked.example")
    finally:
        responder.close()
    check(result == (0, "answer 192.0.2.66"), result)
    audits = env.spooled()
    check(len(audits) == 1, audits)
    expect_dns_audit(audits[0], "alert", "blocked.example")


@test
def allowed_list_refuses_other_names(env):
    responder = Responder(env)
    try:
        env.keep(net_rule(dns={"enabled": True, "allowed": ["good.example"], "denied": [], "effect": "prevent"}))
        good, other = probe(env, "glibc", "good.example"), probe(env, "tcp", "x.evil.example")
    finally:
        responder.close()
    check(good == (0, "answer 192.0.2.10") and other == (3, "rcode 3"), (good, other))
    check(len(env.spooled()) == 1, env.spooled())
    expect_dns_audit(env.spooled()[0], "prevent", "x.evil.example")


@test
def python_getaddrinfo_denied_name_fails_allowed_name_resolves(env):
    """An ordinary app lookup: glibc's getaddrinfo (connect, sendmmsg of A and AAAA, recvfrom) with
    /etc/resolv.conf pointing at the responder, in a mount namespace of its own."""
    if not shutil.which("unshare") or not shutil.which("mount"):
        raise SkipTest("needs unshare and mount for a private /etc/resolv.conf")
    responder = Responder(env)
    try:
        env.keep(dns_rule("prevent"))
        conf = env.write("resolv.conf", "nameserver %s\noptions timeout:2 attempts:1\n" % DNS_IP, 0o644)
        app = env.write("lookup.py", "import socket, sys\n"
                        "for name in sys.argv[1:]:\n"
                        "    try:\n"
                        "        print(name, sorted({a[4][0] for a in socket.getaddrinfo(name, 80)}))\n"
                        "    except socket.gaierror as e:\n"
                        "        print(name, 'gaierror', e.errno)\n")
        out = subprocess.run(["unshare", "--mount", "sh", "-c", 'mount --bind "$0" /etc/resolv.conf && exec "$@"',
                              conf] + env.args() + ["--", sys.executable, app, "good.example", "blocked.example"],
                             capture_output=True, text=True, timeout=60)
        asked = responder.questions()
    finally:
        responder.close()
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    check(lines.get("good.example") == "['192.0.2.10']", "allowed name resolves: %r" % (out,))
    check(lines.get("blocked.example") == "gaierror %d" % socket.EAI_NONAME, "denied name fails: %r" % (out,))
    check("blocked.example" not in asked and "good.example" in asked, asked)
    audits = env.spooled()
    check(len(audits) >= 1 and all(a["dns"]["domain"] == "blocked.example" for a in audits), audits)
    check({a["dns"]["queryType"] for a in audits} <= {"A", "AAAA"} and audits[0]["effect"] == "prevent", audits)


@test
def dns_to_a_nameserver_outside_the_outbound_rule_is_refused(env):
    """DNS rules filter names; they do not open addresses. A query sent straight to a server of the
    app's choosing (one way to tunnel) is outbound traffic like any other."""
    ip = local_ip()
    responder = Responder(env, ip)
    try:
        env.keep(net_rule(network(ips=["203.0.113.0/24"]),
                          dns={"enabled": True, "allowed": [], "denied": ["blocked.example"], "effect": "prevent"}))
        results = {mode: probe(env, mode, "good.example", server=ip) for mode in ("udp", "tcp", "glibc")}
        asked = responder.questions()
    finally:
        responder.close()
    check(results["udp"] == (6, "error sendto Permission denied"), results)
    check(results["tcp"][0] != 0 and results["glibc"][0] != 0, results)
    check(asked == [], "queries reached the nameserver: %r" % asked)
    audits = env.spooled()
    check(len(audits) == 3 and all(a["type"] == "network" and a["reason"] == "outbound" and
                                   a["network"]["ip"] == ip and a["network"]["port"] == 53 for a in audits), audits)


@test
def the_nameservers_of_resolv_conf_at_start_stay_reachable_on_port_53(env):
    if not shutil.which("unshare") or not shutil.which("mount"):
        raise SkipTest("needs unshare and mount for a private /etc/resolv.conf")
    ip = local_ip()
    responder, web = Responder(env, ip), EchoServer()
    try:
        env.keep(net_rule(network(ips=["203.0.113.0/24"]),
                          dns={"enabled": True, "allowed": [], "denied": ["blocked.example"], "effect": "prevent"}))
        conf = env.write("resolv.conf", "# the platform's resolver\nnameserver %s\n" % ip, 0o644)
        private = ["unshare", "--mount", "sh", "-c", 'mount --bind "$0" /etc/resolv.conf && exec "$@"', conf]
        results = {(mode, name): probe(env, mode, name, server=ip, wrap=private)
                   for mode in ("udp", "glibc") for name in ("good.example", "blocked.example")}
        app = env.write("app.py", APP)
        other_port = subprocess.run(private + env.args() + ["--", "python3", app, "talk:%s,%d" % (ip, web.port)],
                                    capture_output=True, text=True, timeout=30)
        asked = responder.questions()
    finally:
        responder.close()
        web.close()
    check(results[("udp", "good.example")] == (0, "answer 192.0.2.10") and
          results[("glibc", "good.example")] == (0, "answer 192.0.2.10"), results)
    check(results[("udp", "blocked.example")][0] != 0 and results[("glibc", "blocked.example")][0] != 0, results)
    check("blocked.example" not in asked and asked.count("good.example") == 2, asked)
    check(other_port.stdout.strip() == "talk:%s,%d ECONNREFUSED" % (ip, web.port),
          "only port 53 of the nameserver is exempt: %r" % (other_port,))


OWN_KERNEL = [a_thread_with_a_file_table_of_its_own_is_refused_without_pidfd_thread]


def main():
    passed, failed = run_tests(TESTS, sys.argv[1:], prefix="net: ")
    # the whole network suite again on (as if) older kernels; the refusal test sets its own
    p, f = run_on_older_kernels([t for t in TESTS if t not in OWN_KERNEL], sys.argv[1:], passed + failed,
                                "net ")
    passed += p
    failed += f
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
