"""The walkthrough runs docs/deploy.md's own marked command blocks, in order, as written."""
import unittest

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


if __name__ == "__main__":
    unittest.main()
