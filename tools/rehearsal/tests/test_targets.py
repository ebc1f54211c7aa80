"""Target selection: emulator gaps and everything that depends on them are left out."""
import unittest

from tools.rehearsal.targets import element_types, references, rehearsal_targets


class ReferencesTest(unittest.TestCase):
    def test_finds_addresses_inside_interpolations_at_any_depth(self):
        block = {
            "vpc_id": "${aws_vpc.main.id}",
            "tags": {"zone": "${data.aws_availability_zones.available.names[0]}"},
            "subnets": ["${aws_subnet.private_a.id}", "${element(aws_subnet.private_b.*.id, 0)}"],
        }
        self.assertEqual(references(block), {
            "aws_vpc.main", "data.aws_availability_zones.available", "aws_subnet.private_a", "aws_subnet.private_b",
        })

    def test_finds_plain_addresses_as_in_depends_on(self):
        self.assertEqual(references({"depends_on": ["aws_iam_role_policy.exec", "data.aws_iam_policy_document.p"]}),
                         {"aws_iam_role_policy.exec", "data.aws_iam_policy_document.p"})

    def test_ignores_text_that_only_mentions_a_type(self):
        self.assertEqual(references({"description": "created like aws_vpc.main in the docs", "name": "aws_vpc", "port": 443}), set())


class RehearsalTargetsTest(unittest.TestCase):
    def test_targets_everything_when_no_gap_applies(self):
        tf = {"resource": {"aws_vpc": {"main": {}}, "aws_subnet": {"a": {"vpc_id": "${aws_vpc.main.id}"}}}}
        self.assertEqual(rehearsal_targets(tf), (["aws_subnet.a", "aws_vpc.main"], []))

    def test_leaves_out_an_excluded_type_and_what_depends_on_it_transitively(self):
        tf = {"resource": {
            "aws_ecs_service": {"api": {"network_configuration": [{}]}},
            "aws_appautoscaling_target": {"api": {"resource_id": "${aws_ecs_service.api.name}"}},
            "aws_appautoscaling_policy": {"cpu": {"resource_id": "${aws_appautoscaling_target.api.resource_id}"}},
            "aws_ssm_parameter": {"note": {"depends_on": ["aws_appautoscaling_policy.cpu"]}},
        }}
        targets, left_out = rehearsal_targets(tf)
        self.assertEqual(targets, ["aws_ecs_service.api"])
        self.assertEqual(left_out, ["aws_appautoscaling_policy.cpu", "aws_appautoscaling_target.api", "aws_ssm_parameter.note"])

    def test_leaves_out_only_the_blocks_a_gap_applies_to(self):
        tf = {"resource": {"aws_ecs_service": {"awsvpc": {"network_configuration": [{"subnets": []}]}, "bridge": {}}}}
        self.assertEqual(rehearsal_targets(tf), (["aws_ecs_service.awsvpc"], ["aws_ecs_service.bridge"]))

    def test_never_targets_data_sources(self):
        tf = {"resource": {"aws_vpc": {"main": {}}}, "data": {"aws_region": {"current": {}}}}
        self.assertEqual(rehearsal_targets(tf)[0], ["aws_vpc.main"])


class ElementTypesTest(unittest.TestCase):
    def test_lists_resource_and_data_source_types_sorted(self):
        tf = {"resource": {"aws_vpc": {}, "aws_eip": {}}, "data": {"aws_region": {}}}
        self.assertEqual(element_types(tf), ["aws_eip", "aws_vpc", "data.aws_region"])


if __name__ == "__main__":
    unittest.main()
