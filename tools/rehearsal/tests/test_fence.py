"""The fence's allow/deny decisions, the fence itself on loopback, and the sanitized environment.
Every socket here is on 127.0.0.1; the fence never opens a connection anywhere else."""
import contextlib
import http.client
import http.server
import io
import os
import tempfile
import threading
import unittest
from pathlib import Path

from unittest import mock

from tools.rehearsal.fence import Fence, close_run, forward_target, open_run, sanitized_env, toolchain_loaded

PORT = 5123


class ForwardTargetTest(unittest.TestCase):
    def test_forwards_plain_http_for_an_account_prefixed_loopback_host_of_a_moto_port(self):
        self.assertEqual(forward_target(f"http://123456789012.127.0.0.1:{PORT}/v20180820/tags?x=1", {PORT}), (PORT, "/v20180820/tags?x=1"))

    def test_refuses_everything_else(self):
        refused = [
            f"https://123456789012.127.0.0.1:{PORT}/",  # not plain HTTP
            f"http://123456789012.127.0.0.1:{PORT + 1}/",  # not a moto started here
            f"http://12345678901.127.0.0.1:{PORT}/",  # 11 digits
            f"http://123456789012.127.0.0.1.example.com:{PORT}/",  # a real host that starts like one
            f"http://evil.123456789012.127.0.0.1:{PORT}/",
            f"http://s3-control.eu-west-1.amazonaws.com:{PORT}/",
            "http://123456789012.127.0.0.1/",  # no port
            "http://123456789012.127.0.0.1:notaport/",
            "sts.eu-west-1.amazonaws.com:443",  # a CONNECT target
        ]
        for url in refused:
            with self.subTest(url=url):
                self.assertIsNone(forward_target(url, {PORT}))


class FakeMoto(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"moto saw {self.path} for {self.headers['Host']}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class FenceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.fence = Fence()  # one for the class: each close() waits out serve_forever's poll interval
        cls.addClassCleanup(cls.fence.close)
        cls.port = int(cls.fence.url.rsplit(":", 1)[1])

    def setUp(self) -> None:
        self.fence.attempts.clear()
        self.fence.forwarded = 0
        self.fence.moto_ports.clear()

    def request(self, method: str, target: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        self.addCleanup(connection.close)
        connection.request(method, target)
        response = connection.getresponse()
        return response.status, response.read()

    def test_refuses_and_records_a_request_for_another_host(self):
        self.assertEqual(self.request("GET", "http://sts.amazonaws.com/?Action=GetCallerIdentity")[0], 403)
        self.assertEqual(self.fence.attempts, ["GET http://sts.amazonaws.com/?Action=GetCallerIdentity HTTP/1.1"])
        self.assertEqual(self.fence.forwarded, 0)

    def test_refuses_and_records_every_https_tunnel(self):
        self.assertEqual(self.request("CONNECT", "ecs.eu-west-1.amazonaws.com:443")[0], 403)
        self.assertEqual(self.fence.attempts, ["CONNECT ecs.eu-west-1.amazonaws.com:443 HTTP/1.1"])

    def test_forwards_the_s3_control_host_form_to_its_moto(self):
        moto = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeMoto)
        self.addCleanup(moto.server_close)
        threading.Thread(target=moto.serve_forever, daemon=True).start()
        self.addCleanup(moto.shutdown)
        moto_port = moto.server_address[1]
        self.fence.moto_ports.add(moto_port)

        status, body = self.request("GET", f"http://222222222222.127.0.0.1:{moto_port}/v20180820/tags/arn")

        self.assertEqual(status, 200)
        self.assertEqual(body.decode(), f"moto saw /v20180820/tags/arn for 222222222222.127.0.0.1:{moto_port}")
        self.assertEqual((self.fence.attempts, self.fence.forwarded), ([], 1))


class SanitizedEnvTest(unittest.TestCase):
    def test_drops_the_callers_aws_terraform_and_proxy_settings_and_sets_dummy_ones(self):
        caller = {
            "PATH": "/usr/bin", "AWS_ACCESS_KEY_ID": "AKIAREAL", "AWS_SECRET_ACCESS_KEY": "real", "AWS_PROFILE": "prod",
            "TF_VAR_image_tag_api": "x", "TF_CLI_ARGS_apply": "-parallelism=1", "TF_DATA_DIR": "/d", "TF_LOG": "trace",
            "https_proxy": "http://corp:3128", "NO_PROXY": "*", "ECS_TF_BIN": "/bin/terraform",
        }
        with tempfile.TemporaryDirectory() as scratch:
            env = sanitized_env(Path(scratch), "http://127.0.0.1:6000", caller)
            home = Path(scratch) / "home"
            self.assertEqual((home / "aws-credentials").read_text(), "")
            self.assertEqual((home / "aws-config").read_text(), "")

        self.assertEqual((env["PATH"], env["ECS_TF_BIN"]), ("/usr/bin", "/bin/terraform"))
        self.assertEqual((env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]), ("rehearsal", "rehearsal"))
        for name in ("AWS_PROFILE", "TF_VAR_image_tag_api", "TF_CLI_ARGS_apply", "TF_DATA_DIR", "TF_LOG"):
            self.assertNotIn(name, env)
        self.assertEqual({env[k] for k in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")}, {"http://127.0.0.1:6000"})
        self.assertEqual(env["NO_PROXY"], "127.0.0.1,localhost")
        self.assertEqual((env["HOME"], env["AWS_EC2_METADATA_DISABLED"]), (str(home), "true"))


class CloseRunTest(unittest.TestCase):
    def run_close(self, attempts: list[str], keep: bool) -> tuple[bool, bool, str]:
        scratch = Path(tempfile.mkdtemp(prefix="close-run-"))
        fence = Fence()
        fence.attempts.extend(attempts)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            clean = close_run(fence, scratch, keep)
        kept = scratch.exists()
        if kept:
            scratch.rmdir()
        return clean, kept, out.getvalue()

    def test_a_run_without_refused_requests_is_clean_and_its_scratch_removed(self):
        self.assertEqual(self.run_close([], keep=False)[:2], (True, False))

    def test_a_refused_request_fails_the_run_and_is_reported(self):
        clean, kept, printed = self.run_close(["CONNECT sts.amazonaws.com:443"], keep=True)
        self.assertEqual((clean, kept), (False, True))
        self.assertIn("sts.amazonaws.com:443", printed)


class OpenRunTest(unittest.TestCase):
    def test_without_the_toolchain_it_says_which_command_loads_it(self):
        err = io.StringIO()
        with mock.patch.dict(os.environ, {}, clear=True), contextlib.redirect_stderr(err):
            self.assertFalse(toolchain_loaded("rehearse:cdktf"))
        self.assertIn("run through `npm run rehearse:cdktf`", err.getvalue())
        with mock.patch.dict(os.environ, {"ECS_TF_BIN": "/bin/terraform"}):
            self.assertTrue(toolchain_loaded("rehearse"))

    def test_the_process_itself_runs_in_the_sanitized_environment_behind_the_fence(self):
        with mock.patch.dict(os.environ, {"AWS_ACCESS_KEY_ID": "AKIAREAL", "HTTPS_PROXY": "http://corp:3128", "PATH": "/usr/bin"}, clear=True):
            scratch, fence, env = open_run("open-run-")
            try:
                self.assertEqual(dict(os.environ), env)
                self.assertEqual((os.environ["HTTPS_PROXY"], os.environ["PATH"]), (fence.url, "/usr/bin"))
                self.assertNotEqual(os.environ["AWS_ACCESS_KEY_ID"], "AKIAREAL")
                self.assertTrue(scratch.is_dir())
            finally:
                with contextlib.redirect_stdout(io.StringIO()):
                    close_run(fence, scratch, keep=False)
        self.assertFalse(scratch.exists())


if __name__ == "__main__":
    unittest.main()
