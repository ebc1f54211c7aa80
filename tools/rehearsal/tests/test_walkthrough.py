"""The walkthrough runs docs/deploy.md's own marked command blocks, in order, as written."""
import os
import unittest
from unittest import mock

from tools.rehearsal import walkthrough
from tools.rehearsal.walkthrough import DOC, STEPS, profiles_in, walkthrough_blocks


class WalkthroughTest(unittest.TestCase):
    def test_finds_marked_blocks_at_any_indentation_in_order(self):
        markdown = "x\n<!-- walkthrough: a -->\n```sh\nnpm run synth\n```\n- item\n\n  <!-- walkthrough: b -->\n  ```sh\n  cd x && terraform init\n  terraform apply\n  ```\n```sh\nnot marked\n```\n"
        self.assertEqual(walkthrough_blocks(markdown), [("a", "npm run synth"), ("b", "cd x && terraform init\nterraform apply")])

    def test_the_deploy_guide_has_every_step_once_in_order(self):
        blocks = walkthrough_blocks(DOC.read_text())
        self.assertEqual([name for name, _ in blocks], list(STEPS))
        commands = dict(blocks)
        self.assertIn("terraform apply", commands["bootstrap"])
        self.assertIn("npx cdktf deploy shop-dev", commands["first-deploy"])
        self.assertIn("image_tag_api=", commands["ship-image"])
        self.assertIn("image_tag_api=<previous sha>", commands["roll-back"])

    def test_lists_the_profiles_the_commands_use(self):
        self.assertEqual(profiles_in("AWS_PROFILE=a x\nAWS_PROFILE=b-admin y AWS_PROFILE=a"), ["a", "b-admin"])


class StartUpTest(unittest.TestCase):
    def test_lists_the_project_files_with_the_callers_home_before_isolating_itself(self):
        seen: list[str] = []

        class Stop(Exception):
            pass

        def opened(_prefix):
            seen.append("open_run")
            raise Stop()

        with mock.patch.dict(os.environ, {"ECS_TF_BIN": "/bin/terraform", "HOME": "/home/caller"}), \
                mock.patch.object(walkthrough, "project_files", lambda: seen.append(f"files HOME={os.environ['HOME']}") or []), \
                mock.patch.object(walkthrough, "open_run", opened):
            with self.assertRaises(Stop):
                walkthrough.main([])
        self.assertEqual(seen, ["files HOME=/home/caller", "open_run"])

    def test_project_files_lists_this_checkout(self):
        files = walkthrough.project_files()
        self.assertIn("tools/rehearsal/walkthrough.py", files)
        self.assertNotIn("", files)


if __name__ == "__main__":
    unittest.main()
