"""tls_certs: the certificates of the https tests, made with the openssl command at test time — a CA
(RSA) and, signed by it for the EC key of the test console, a good certificate for localhost and
127.0.0.1, one for another name, an expired one and one not valid yet; and one from a CA the
defender is never told about."""

import os
import subprocess

CA_CONFIG = """[ca]
default_ca = test
[test]
database = {dir}/index.txt
new_certs_dir = {dir}
serial = {dir}/serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
[server]
subjectAltName = {san}
"""


def _openssl(*args, cwd):
    out = subprocess.run(["openssl"] + list(args), cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError("openssl %s: %s" % (args[0], out.stderr))


class Certs:
    """Files in `folder`: ca.pem, server.key and one certificate per case (see the module doc)."""

    def __init__(self, folder):
        self.dir = folder
        os.makedirs(folder, exist_ok=True)
        _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                 "-days", "30", "-subj", "/CN=Ward test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                 "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
        _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "30", "-subj", "/CN=Other CA",
                 "-addext", "basicConstraints=critical,CA:TRUE", cwd=folder)
        _openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", "server.key", "-subj", "/CN=localhost", "-out", "server.csr", cwd=folder)
        self.ca = self.path("ca.pem")
        self.other_ca = self.path("other-ca.pem")
        self.key = self.path("server.key")
        good = "DNS:localhost,IP:127.0.0.1"
        self.good = self._sign("good", "ca", good, "-days", "30")
        self.wrong_name = self._sign("wrong-name", "ca", "DNS:console.example", "-days", "30")
        self.expired = self._sign("expired", "ca", good, "-startdate", "20200101000000Z",
                                  "-enddate", "20200201000000Z")
        self.not_yet_valid = self._sign("not-yet-valid", "ca", good, "-startdate", "20400101000000Z",
                                        "-enddate", "20400201000000Z")
        self.untrusted = self._sign("untrusted", "other-ca", good, "-days", "30")

    def path(self, name):
        return os.path.join(self.dir, name)

    def _sign(self, name, ca, san, *validity):
        db = self.path("db-" + name)
        os.makedirs(db)
        open(os.path.join(db, "index.txt"), "w").close()
        with open(os.path.join(db, "serial"), "w") as f:
            f.write("%02X\n" % (len(os.listdir(self.dir)) + 1))
        config = os.path.join(db, "ca.cnf")
        with open(config, "w") as f:
            f.write(CA_CONFIG.format(dir=db, san=san))
        _openssl("ca", "-batch", "-config", config, "-cert", ca + ".pem", "-keyfile", ca + ".key",
                 "-in", "server.csr", "-out", name + ".pem", "-extensions", "server", "-notext",
                 *validity, cwd=self.dir)
        return self.path(name + ".pem")
