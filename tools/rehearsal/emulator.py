"""The emulator: one moto server per stack on 127.0.0.1 (a free port, the stack's account), always
stopped, and the server process itself (`python -m tools.rehearsal.emulator <port>`)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from .common import ROOT, RehearsalError, log

MOTO_START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """One moto_server process on 127.0.0.1, account `account_id`. Always stopped by stop()."""

    def __init__(self, account_id: str, log_path: Path, env: dict[str, str]) -> None:
        self.account_id = account_id
        self.log_path = log_path
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {
            **self.env,
            # Every request is handled in this account (the stack's allowed account), so the
            # provider's allowed_account_ids check passes against moto's STS.
            "MOTO_ACCOUNT_ID": self.account_id,
            # ACM "issues" DNS-validated certificates after this many seconds (default 60).
            "MOTO_ACM_VALIDATION_WAIT": "1",
            # AWS managed policies (e.g. AmazonEC2ContainerServiceforEC2Role) exist, so attachments work.
            "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
        }
        for attempt in range(3):
            self.port = free_port()
            self.log_file = open(self.log_path, "ab")
            self.process = subprocess.Popen(
                [sys.executable, "-m", __name__, str(self.port)],  # this module, as the server (below)
                cwd=ROOT, stdout=self.log_file, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            )
            deadline = time.monotonic() + MOTO_START_TIMEOUT
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    break
                try:
                    with urllib.request.urlopen(f"{self.url}/moto-api/data.json", timeout=2) as response:
                        if response.status == 200:
                            return
                except OSError:
                    time.sleep(0.3)
            self.stop()
            log(f"  moto did not start on port {self.port} (attempt {attempt + 1}); see {self.log_path}")
        raise RehearsalError(f"moto_server did not become ready; see {self.log_path}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            # Our own process group (start_new_session): werkzeug's reloader-free server has no children,
            # but this also ends any it might start.
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.log_file.close()


def serve_moto(port: int) -> None:
    """moto_server's app on 127.0.0.1, one request at a time. moto's models are not thread-safe:
    with moto_server's threaded server, Terraform's parallel AuthorizeSecurityGroupIngress calls on
    one group occasionally failed with InvalidPermission.Duplicate for rules that did not exist."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from moto.server import MotoRequestHandler
    from werkzeug.serving import run_simple

    os.environ.setdefault("MOTO_PORT", str(port))
    app = DomainDispatcherApplication(create_backend_app)
    lock = threading.Lock()

    def serialized(environ, start_response):
        with lock:
            return list(app(environ, start_response))

    run_simple("127.0.0.1", port, serialized, threaded=True, request_handler=MotoRequestHandler)



if __name__ == "__main__":
    serve_moto(int(sys.argv[1]))
