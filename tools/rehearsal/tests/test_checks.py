"""The pure parts of the emulator checks: state parsing, rule keys, the check tally, and the
exact-rules comparison of security groups against a fake EC2 client."""
import contextlib
import io
import unittest

from tools.rehearsal.checks import Checks, _check_security_groups, api_forward_groups, api_rule_key, of_type, rule_key, state_forward_groups, state_resources


def quietly(fn, *args):
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args)


class RuleKeyTest(unittest.TestCase):
    def test_a_state_rule_and_the_apis_rule_have_the_same_key(self):
        pairs = [
            ({"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0", "cidr_ipv6": "", "referenced_security_group_id": ""},
             {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv4": "0.0.0.0/0"}),
            ({"ip_protocol": "tcp", "from_port": 8080, "to_port": 8080, "referenced_security_group_id": "sg-alb"},
             {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "ReferencedGroupInfo": {"GroupId": "sg-alb"}}),
            ({"ip_protocol": "-1", "cidr_ipv6": "::/0"}, {"IpProtocol": "-1", "CidrIpv6": "::/0", "ReferencedGroupInfo": None}),
            # EC2 answers -1/-1 for an all-protocol rule that the state holds without ports (NAT instance SG).
            ({"ip_protocol": "-1", "from_port": None, "to_port": None, "cidr_ipv4": "10.10.0.0/16"},
             {"IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "CidrIpv4": "10.10.0.0/16"}),
        ]
        for state, api in pairs:
            with self.subTest(state=state):
                self.assertEqual(rule_key(state), api_rule_key(api))

    def test_rules_that_differ_in_port_or_peer_have_different_keys(self):
        base = {"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0"}
        self.assertNotEqual(rule_key(base), rule_key({**base, "to_port": 444}))
        self.assertNotEqual(rule_key(base), rule_key({**base, "cidr_ipv4": "10.0.0.0/8"}))


class ForwardGroupsTest(unittest.TestCase):
    def test_a_plain_forward_and_the_apis_answer_name_the_same_group(self):
        self.assertEqual(state_forward_groups({"type": "forward", "target_group_arn": "tg-a", "forward": []}), ["tg-a"])
        self.assertEqual(api_forward_groups({"Type": "forward", "TargetGroupArn": "tg-a"}), ["tg-a"])

    def test_a_weighted_forward_compares_its_groups_not_the_weights_ecs_moves(self):
        state = {"type": "forward", "target_group_arn": "", "forward": [{"target_group": [{"arn": "tg-blue", "weight": 100}, {"arn": "tg-green", "weight": 0}]}]}
        api = {"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": "tg-green", "Weight": 100}, {"TargetGroupArn": "tg-blue", "Weight": 0}]}}
        self.assertEqual(state_forward_groups(state), api_forward_groups(api))
        self.assertNotEqual(state_forward_groups(state), api_forward_groups({"Type": "forward", "TargetGroupArn": "tg-blue"}))


class StateResourcesTest(unittest.TestCase):
    def test_keeps_managed_resources_of_the_root_module_by_address(self):
        state = {"values": {"root_module": {"resources": [
            {"address": "aws_vpc.main", "mode": "managed", "values": {"id": "vpc-1"}},
            {"address": "data.aws_region.current", "mode": "data", "values": {"name": "eu-west-1"}},
            {"address": "aws_subnet.a", "mode": "managed", "values": {"id": "subnet-1"}},
        ]}}}
        resources = state_resources(state)
        self.assertEqual(resources, {"aws_vpc.main": {"id": "vpc-1"}, "aws_subnet.a": {"id": "subnet-1"}})
        self.assertEqual(of_type(resources, "aws_subnet"), {"aws_subnet.a": {"id": "subnet-1"}})

    def test_an_empty_state_has_no_resources(self):
        self.assertEqual(state_resources({}), {})


class ChecksTest(unittest.TestCase):
    def test_counts_passes_and_records_failures_with_their_detail(self):
        c = Checks()
        quietly(c.expect, True, "one")
        quietly(c.expect, False, "two", "emulator has 3")
        quietly(c.expect, False, "three")
        self.assertEqual((c.passed, c.failed), (1, ["two: emulator has 3", "three"]))


class FakeEc2:
    def __init__(self, rules: list[dict]) -> None:
        self.rules = rules

    def describe_security_groups(self, GroupIds):
        return {"SecurityGroups": [{"GroupId": GroupIds[0], "VpcId": "vpc-1"}]}

    def describe_security_group_rules(self, Filters):
        return {"SecurityGroupRules": self.rules}


class SecurityGroupRulesTest(unittest.TestCase):
    resources = {
        "aws_security_group.alb": {"id": "sg-alb", "name": "shop-dev-alb", "vpc_id": "vpc-1"},
        "aws_vpc_security_group_ingress_rule.https": {"security_group_id": "sg-alb", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0"},
    }
    declared = {"IsEgress": False, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv4": "0.0.0.0/0"}

    def run_check(self, rules: list[dict]) -> Checks:
        c = Checks()
        quietly(_check_security_groups, c, FakeEc2(rules), self.resources)
        return c

    def test_passes_when_the_group_holds_exactly_the_declared_rules(self):
        self.assertEqual(self.run_check([self.declared]).failed, [])

    def test_fails_on_a_stray_allow_all_egress_rule(self):
        stray = {"IsEgress": True, "IpProtocol": "-1", "CidrIpv4": "0.0.0.0/0"}
        failed = self.run_check([self.declared, stray]).failed
        self.assertEqual(len(failed), 1)
        self.assertRegex(failed[0], r"aws_security_group\.alb: exactly the 1 declared rules: missing \[\], unexpected \[\"\('egress', '-1'")

    def test_fails_on_a_missing_rule(self):
        self.assertRegex(self.run_check([]).failed[0], r"missing \[\"\('ingress', 'tcp', 443, 443, '0\.0\.0\.0/0'")


if __name__ == "__main__":
    unittest.main()
