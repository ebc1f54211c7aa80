"""Isolation from AWS: the outbound fence and the sanitized environment.

Terraform, the provider and boto3 run with HTTP(S)_PROXY set to the fence, a proxy on 127.0.0.1
that refuses (403) and records every request that is not for 127.0.0.1 (loopback is never
proxied), so a missed endpoint fails loudly instead of leaving the machine. The caller's AWS_*,
TF_* and proxy variables are dropped; credentials are dummy and HOME is a scratch directory."""
from __future__ import annotations

import http.client
import http.server
import os
import re
import shutil
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path
from typing import Mapping

from .common import DUMMY_KEY, log


def forward_target(url: str, moto_ports: set[int]) -> tuple[int, str] | None:
    """`(port, path)` to forward a proxied request for `url` to 127.0.0.1:<port>, or None to refuse it.

    Only plain HTTP to exactly `<12-digit account>.127.0.0.1:<port>` where port is a moto started
    here: the host S3 Control's account-ID prefix turns the moto endpoint into."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # a port that is not a number
        return None
    if parts.scheme == "http" and re.fullmatch(r"\d{12}\.127\.0\.0\.1", parts.hostname or "") and port in moto_ports:
        return port, urllib.parse.urlunsplit(("", "", parts.path, parts.query, ""))
    return None


class Fence:
    """Local HTTP proxy that every non-loopback request of Terraform, the provider and boto3 goes to.

    It refuses (403) and records everything, with one exception: S3 Control endpoints carry the
    account ID as a host prefix, so the SDK turns the moto endpoint into `<account>.127.0.0.1:<port>`,
    which no resolver knows. Plain-HTTP requests to exactly that form, for a port of a moto server
    started here, are forwarded to 127.0.0.1:<port> unchanged.
    """

    def __init__(self) -> None:
        self.attempts: list[str] = []
        self.forwarded = 0
        self.moto_ports: set[int] = set()
        fence = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _refuse(self) -> None:
                fence.attempts.append(self.requestline)
                self.send_response(403)
                self.send_header("Content-Length", "0")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True

            def _relay(self) -> None:
                target = forward_target(self.path, fence.moto_ports)
                if target is None:
                    self._refuse()
                    return
                port, path = target
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "connection")}
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request(self.command, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                connection.close()
                fence.forwarded += 1  # before answering: whoever has the answer sees it counted
                self.send_response(response.status, response.reason)
                for key, value in response.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = _relay

            def do_CONNECT(self) -> None:  # HTTPS tunnels: never
                self._refuse()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # shutdown() waits up to one poll interval (0.5 s by default) for the loop to notice.
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


DROPPED_VARIABLES = re.compile(r"^(AWS_|TF_VAR_|TF_CLI_ARGS|TF_WORKSPACE$|TF_DATA_DIR$|TF_LOG|(HTTPS?|ALL|NO)_PROXY$)", re.IGNORECASE)


def sanitized_env(scratch: Path, fence_url: str, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """`environ` without AWS credentials/config, Terraform inputs and proxies, with dummy
    credentials, empty AWS config files and HOME under `scratch`, and the fence as proxy."""
    env = {k: v for k, v in environ.items() if not DROPPED_VARIABLES.match(k)}
    home = scratch / "home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "aws-config").write_text("")
    (home / "aws-credentials").write_text("")
    env.update({
        "HOME": str(home),
        "AWS_ACCESS_KEY_ID": DUMMY_KEY,
        "AWS_SECRET_ACCESS_KEY": DUMMY_KEY,
        "AWS_CONFIG_FILE": str(home / "aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "HTTP_PROXY": fence_url,
        "HTTPS_PROXY": fence_url,
        "http_proxy": fence_url,
        "https_proxy": fence_url,
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        "CHECKPOINT_DISABLE": "1",
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
    })
    return env


def toolchain_loaded(npm_script: str) -> bool:
    """Whether the toolchain's environment is loaded (ECS_TF_BIN); if not, says which command loads it."""
    if "ECS_TF_BIN" in os.environ:
        return True
    print(f"ECS_TF_BIN is not set: run through `npm run {npm_script}` (it loads the toolchain).", file=sys.stderr)
    return False


def open_run(prefix: str) -> tuple[Path, Fence, dict[str, str]]:
    """Start of a rehearsal run (close_run ends it): a scratch directory, the fence, and the sanitized
    environment. From here on this process (boto3, urllib) and everything it starts (node, terraform,
    the provider, moto) sees only dummy credentials and the fence as proxy."""
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    fence = Fence()
    env = sanitized_env(scratch, fence.url)
    os.environ.clear()
    os.environ.update(env)
    return scratch, fence, env


def close_run(fence: Fence, scratch: Path, keep: bool) -> bool:
    """End of a rehearsal run: stop the fence, remove the scratch directory unless kept, and report
    any refused request. False when the fence refused one (the run then fails, whatever else passed)."""
    fence.close()
    if keep:
        log(f"scratch directory kept: {scratch}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    if fence.attempts:
        log("FAIL  requests to addresses other than 127.0.0.1 were attempted and refused:")
        for attempt in sorted(set(fence.attempts)):
            log(f"      {attempt}")
        return False
    return True
