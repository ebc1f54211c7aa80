"""Stack selection, the warnings the summary reports, and time formatting."""
import json
import tempfile
import unittest
from pathlib import Path

from tools.rehearsal.cli import select_stacks, shipped
from tools.rehearsal.common import RehearsalError, fmt_seconds
from tools.rehearsal.terraform import warnings_in


class StackSelectionTest(unittest.TestCase):
    def setUp(self) -> None:
        scratch = tempfile.TemporaryDirectory()
        self.addCleanup(scratch.cleanup)
        self.synth = Path(scratch.name)
        backends = {"shop-dev": {"s3": {"bucket": "b"}}, "shop-dev-bootstrap": {"local": {}}, "shop-prod": {"s3": {"bucket": "b"}}}
        for name, backend in backends.items():
            (self.synth / "stacks" / name).mkdir(parents=True)
            (self.synth / "stacks" / name / "cdk.tf.json").write_text(json.dumps({"terraform": {"backend": backend}}))
        self.stacks = sorted(backends)

    def test_defaults_to_the_platform_stacks_the_ones_with_s3_state(self):
        self.assertEqual(shipped(self.stacks, self.synth), ["shop-dev", "shop-prod"])
        self.assertEqual(select_stacks(None, self.stacks, self.synth), ["shop-dev", "shop-prod"])

    def test_takes_named_stacks_bootstrap_stacks_included(self):
        self.assertEqual(select_stacks(["shop-dev-bootstrap"], self.stacks, self.synth), ["shop-dev-bootstrap"])

    def test_rejects_an_unknown_stack_listing_the_synthesized_ones(self):
        with self.assertRaisesRegex(RehearsalError, r"unknown stack\(s\) shop-qa; synthesized: shop-dev, shop-dev-bootstrap, shop-prod"):
            select_stacks(["shop-dev", "shop-qa"], self.stacks, self.synth)


class WarningsTest(unittest.TestCase):
    def test_reports_only_warnings_a_targeted_run_does_not_always_print(self):
        log = "\n".join([
            "Warning: Resource targeting is in effect",
            "  Warning: Applied changes may be incomplete",
            "Warning: Argument is deprecated",
            "Warning: Incomplete lock file information for providers",
        ])
        self.assertEqual(warnings_in(log), ["Argument is deprecated"])


class FmtSecondsTest(unittest.TestCase):
    def test_formats_seconds_then_minutes(self):
        self.assertEqual([fmt_seconds(s) for s in (0.84, 59.94, 65, 211.2)], ["0.8s", "59.9s", "1m05s", "3m31s"])


if __name__ == "__main__":
    unittest.main()
