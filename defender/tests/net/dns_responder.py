#!/usr/bin/env python3
"""dns_responder: a tiny authoritative DNS server for tests (UDP and TCP, A records only).

Usage: dns_responder.py --address 127.0.0.153 --port 53 --record name=1.2.3.4 ... [--log FILE]
Answers A queries for the given names, NXDOMAIN for any other name; logs every question it
receives ("udp name type" / "tcp name type") so a test can prove a blocked query never arrived.
Prints "ready" on stdout once both sockets are bound.
"""
import argparse
import socket
import struct
import sys
import threading


def parse_question(msg):
    """Returns (id, flags, name, qtype, end of question) or None when malformed."""
    if len(msg) < 12:
        return None
    qid, flags, qdcount = struct.unpack(">HHH", msg[:6])
    if qdcount != 1:
        return None
    labels, pos = [], 12
    while True:
        if pos >= len(msg):
            return None
        n = msg[pos]
        if n == 0:
            pos += 1
            break
        if n & 0xC0 or pos + 1 + n > len(msg):
            return None
        labels.append(msg[pos + 1:pos + 1 + n].decode("ascii", "replace"))
        pos += 1 + n
    if pos + 4 > len(msg):
        return None
    qtype, = struct.unpack(">H", msg[pos:pos + 2])
    return qid, flags, ".".join(labels).lower(), qtype, pos + 4


def answer(msg, records, log, transport):
    q = parse_question(msg)
    if q is None:
        return None
    qid, flags, name, qtype, end = q
    log(f"{transport} {name} {qtype}")
    question = msg[12:end]
    rd = flags & 0x0100
    ip = records.get(name)
    if ip is None:
        header = struct.pack(">HHHHHH", qid, 0x8000 | 0x0400 | rd | 0x0080 | 3, 1, 0, 0, 0)
        return header + question
    answers = b""
    if qtype == 1:
        answers = struct.pack(">HHHIH", 0xC00C, 1, 1, 60, 4) + socket.inet_aton(ip)
    header = struct.pack(">HHHHHH", qid, 0x8000 | 0x0400 | rd | 0x0080, 1,
                         1 if answers else 0, 0, 0)
    return header + question + answers


def serve_udp(sock, records, log):
    while True:
        msg, peer = sock.recvfrom(65535)
        reply = answer(msg, records, log, "udp")
        if reply:
            sock.sendto(reply, peer)


def recv_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve_tcp_connection(conn, records, log):
    with conn:
        while True:
            prefix = recv_exact(conn, 2)
            if prefix is None:
                return
            msg = recv_exact(conn, struct.unpack(">H", prefix)[0])
            if msg is None:
                return
            reply = answer(msg, records, log, "tcp")
            if reply:
                conn.sendall(struct.pack(">H", len(reply)) + reply)


def serve_tcp(sock, records, log):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=serve_tcp_connection, args=(conn, records, log), daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description="tiny DNS responder for ward-defender tests")
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=53)
    parser.add_argument("--record", action="append", default=[], help="name=ipv4")
    parser.add_argument("--log", help="file receiving one line per question")
    args = parser.parse_args()
    records = {}
    for item in args.record:
        name, _, ip = item.partition("=")
        records[name.lower().rstrip(".")] = ip
    lock = threading.Lock()
    log_file = open(args.log, "a", buffering=1) if args.log else None

    def log(line):
        if log_file:
            with lock:
                log_file.write(line + "\n")

    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((args.address, args.port))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind((args.address, args.port))
    tcp.listen(16)
    threading.Thread(target=serve_tcp, args=(tcp, records, log), daemon=True).start()
    print("ready", flush=True)
    try:
        serve_udp(udp, records, log)
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
