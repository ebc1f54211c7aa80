"""Checks against the emulator with boto3: after apply, that what the state says exists exists as
declared (docs/rehearsal.md, step 7); after destroy, that nothing is left (step 9). The pure parts
(state parsing, rule keys) are unit-tested; the rest needs moto."""
from __future__ import annotations

import json

from .common import DUMMY_KEY, log


class Aws:
    def __init__(self, url: str, region: str) -> None:
        import boto3  # the toolchain venv ships boto3 with moto

        self.session = boto3.session.Session(aws_access_key_id=DUMMY_KEY, aws_secret_access_key=DUMMY_KEY, region_name=region)
        self.url = url

    def client(self, service: str):
        return self.session.client(service, endpoint_url=self.url)


def state_resources(state: dict) -> dict[str, dict]:
    """Resource values from `terraform show -json` (root module), by address."""
    out: dict[str, dict] = {}
    root = state.get("values", {}).get("root_module", {})
    for resource in root.get("resources", []):
        if resource.get("mode") == "managed":
            out[resource["address"]] = resource["values"]
    return out


def of_type(resources: dict[str, dict], rtype: str) -> dict[str, dict]:
    return {a: v for a, v in resources.items() if a.split(".")[0] == rtype}


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed: list[str] = []

    def expect(self, condition: bool, what: str, detail: str = "") -> None:
        if condition:
            self.passed += 1
            log(f"    ok    {what}")
        else:
            self.failed.append(f"{what}{': ' + detail if detail else ''}")
            log(f"    FAIL  {what}{': ' + detail if detail else ''}")


def _ports(protocol, from_port, to_port) -> tuple:
    """All-protocol rules carry no ports: the state has none, EC2 answers -1/-1."""
    return (None, None) if str(protocol) == "-1" else (from_port, to_port)


def rule_key(rule: dict) -> tuple:
    return (
        rule.get("ip_protocol"), *_ports(rule.get("ip_protocol"), rule.get("from_port"), rule.get("to_port")),
        rule.get("cidr_ipv4") or None, rule.get("cidr_ipv6") or None, rule.get("referenced_security_group_id") or None,
    )


def api_rule_key(rule: dict) -> tuple:
    return (
        rule.get("IpProtocol"), *_ports(rule.get("IpProtocol"), rule.get("FromPort"), rule.get("ToPort")),
        rule.get("CidrIpv4") or None, rule.get("CidrIpv6") or None,
        (rule.get("ReferencedGroupInfo") or {}).get("GroupId") or None,
    )


def state_forward_groups(action: dict) -> list[str]:
    """Target groups a forward action of the state sends to: one ARN, or weighted groups (ECS-native
    releases move the weights, so only the groups are compared)."""
    weighted = [g["arn"] for f in action.get("forward") or [] for g in f.get("target_group") or []]
    return sorted(set(weighted or [action.get("target_group_arn")]))


def api_forward_groups(action: dict) -> list[str]:
    weighted = [g["TargetGroupArn"] for g in (action.get("ForwardConfig") or {}).get("TargetGroups") or []]
    return sorted(set(weighted or [action.get("TargetGroupArn")]))


def check_applied(aws: Aws, resources: dict[str, dict]) -> Checks:
    """The emulator's view of what the stack created, from the state's IDs (docs/rehearsal.md, step 7)."""
    c = Checks()
    _check_network(c, aws.client("ec2"), resources)
    _check_security_groups(c, aws.client("ec2"), resources)
    _check_ecs(c, aws.client("ecs"), resources)
    _check_load_balancer(c, aws.client("elbv2"), resources)
    _check_tls_and_dns(c, aws, resources)
    _check_database(c, aws.client("rds"), resources)
    return c


def _private_subnets(resources: dict[str, dict]) -> set[str]:
    return {v["id"] for v in of_type(resources, "aws_subnet").values() if (v.get("tags") or {}).get("tier") == "private"}


def _check_network(c: Checks, ec2, resources: dict[str, dict]) -> None:
    for address, vpc in of_type(resources, "aws_vpc").items():
        found = ec2.describe_vpcs(VpcIds=[vpc["id"]])["Vpcs"]
        c.expect(len(found) == 1 and found[0]["CidrBlock"] == vpc["cidr_block"], f"{address}: VPC {vpc['id']} with {vpc['cidr_block']}")
        dns = ec2.describe_vpc_attribute(VpcId=vpc["id"], Attribute="enableDnsHostnames")["EnableDnsHostnames"]["Value"]
        c.expect(dns is True, f"{address}: DNS host names enabled")
    for address, subnet in of_type(resources, "aws_subnet").items():
        found = ec2.describe_subnets(SubnetIds=[subnet["id"]])["Subnets"]
        c.expect(len(found) == 1 and not found[0]["MapPublicIpOnLaunch"], f"{address}: subnet exists, no public IPs on launch")


def _check_security_groups(c: Checks, ec2, resources: dict[str, dict]) -> None:
    """The rules AWS holds are exactly the declared ones (no stray allow-all egress)."""
    declared: dict[str, set] = {}
    for rtype, direction in (("aws_vpc_security_group_ingress_rule", "ingress"), ("aws_vpc_security_group_egress_rule", "egress")):
        for rule in of_type(resources, rtype).values():
            declared.setdefault(rule["security_group_id"], set()).add((direction, *rule_key(rule)))
    for address, group in of_type(resources, "aws_security_group").items():
        found = ec2.describe_security_groups(GroupIds=[group["id"]])["SecurityGroups"]
        c.expect(len(found) == 1 and found[0]["VpcId"] == group["vpc_id"], f"{address}: security group {group['name']} in its VPC")
        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group["id"]]}])["SecurityGroupRules"]
        actual = {("egress" if r["IsEgress"] else "ingress", *api_rule_key(r)) for r in rules}
        want = declared.get(group["id"], set())
        c.expect(actual == want, f"{address}: exactly the {len(want)} declared rules",
                 f"missing {sorted(map(str, want - actual))}, unexpected {sorted(map(str, actual - want))}")
    for address, group in of_type(resources, "aws_default_security_group").items():
        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group["id"]]}])["SecurityGroupRules"]
        c.expect(rules == [], f"{address}: default security group has no rules", f"{len(rules)} rule(s)")


def _check_ecs(c: Checks, ecs, resources: dict[str, dict]) -> None:
    for address, cluster in of_type(resources, "aws_ecs_cluster").items():
        found = ecs.describe_clusters(clusters=[cluster["arn"]])["clusters"]
        c.expect(len(found) == 1 and found[0]["status"] == "ACTIVE", f"{address}: cluster {cluster['name']} ACTIVE")
    for address, providers in of_type(resources, "aws_ecs_cluster_capacity_providers").items():
        found = ecs.describe_clusters(clusters=[providers["cluster_name"]])["clusters"]
        have = sorted(found[0].get("capacityProviders", [])) if found else []
        c.expect(have == sorted(providers["capacity_providers"]), f"{address}: capacity providers {', '.join(sorted(providers['capacity_providers']))}", f"emulator has {have}")

    private = _private_subnets(resources)
    target_groups = {v["arn"] for v in of_type(resources, "aws_lb_target_group").values()}
    for address, service in of_type(resources, "aws_ecs_service").items():
        found = ecs.describe_services(cluster=service["cluster"], services=[service["name"]])["services"]
        ok = len(found) == 1 and found[0]["status"] == "ACTIVE"
        c.expect(ok, f"{address}: service {service['name']} ACTIVE")
        if not ok:
            continue
        svc = found[0]
        c.expect(svc["taskDefinition"] == service["task_definition"], f"{address}: runs {service['task_definition'].split('/')[-1]}")
        vpc_config = svc.get("networkConfiguration", {}).get("awsvpcConfiguration")
        if vpc_config:
            c.expect(set(vpc_config["subnets"]) <= private and vpc_config.get("assignPublicIp") == "DISABLED",
                     f"{address}: private subnets only, no public IP", json.dumps(vpc_config))
        for lb in svc.get("loadBalancers", []):
            c.expect(lb["targetGroupArn"] in target_groups, f"{address}: registers in target group {lb['targetGroupArn'].split('/')[-2]}")


def _check_load_balancer(c: Checks, elbv2, resources: dict[str, dict]) -> None:
    for address, alb in of_type(resources, "aws_lb").items():
        found = elbv2.describe_load_balancers(LoadBalancerArns=[alb["arn"]])["LoadBalancers"]
        c.expect(len(found) == 1 and found[0].get("Scheme", "internet-facing") == ("internal" if alb["internal"] else "internet-facing"), f"{address}: load balancer {alb['name']}")
        listeners = {l["ListenerArn"]: l for l in elbv2.describe_listeners(LoadBalancerArn=alb["arn"])["Listeners"]}
        for laddr, listener in of_type(resources, "aws_lb_listener").items():
            if listener["load_balancer_arn"] != alb["arn"]:
                continue
            got = listeners.get(listener["arn"])
            c.expect(got is not None and got["Port"] == listener["port"] and got["Protocol"] == listener["protocol"], f"{laddr}: {listener['protocol']}:{listener['port']}")
    for address, rule in of_type(resources, "aws_lb_listener_rule").items():
        found = elbv2.describe_rules(RuleArns=[rule["arn"]])["Rules"]
        if len(found) != 1:
            c.expect(False, f"{address}: listener rule exists")
            continue
        got = found[0]
        paths = sorted(v for cond in got.get("Conditions", []) if cond["Field"] == "path-pattern" for v in (cond.get("PathPatternConfig", {}).get("Values") or cond.get("Values", [])))
        want_paths = sorted(v for cond in rule["condition"] if cond.get("path_pattern") for v in cond["path_pattern"][0]["values"])
        forward = [api_forward_groups(a) for a in got.get("Actions", []) if a["Type"] == "forward"]
        want_forward = [state_forward_groups(a) for a in rule["action"] if a["type"] == "forward"]
        c.expect(got["Priority"] == str(rule["priority"]) and paths == want_paths and forward == want_forward,
                 f"{address}: priority {rule['priority']}, paths {want_paths} → its target group",
                 f"emulator: priority {got['Priority']}, paths {paths}, forward {forward}")


def _check_tls_and_dns(c: Checks, aws: Aws, resources: dict[str, dict]) -> None:
    elbv2 = aws.client("elbv2")
    for address, listener in of_type(resources, "aws_lb_listener").items():
        if listener["protocol"] != "HTTPS":
            continue
        got = elbv2.describe_listeners(ListenerArns=[listener["arn"]])["Listeners"][0]
        certificates = [cert["CertificateArn"] for cert in got.get("Certificates", [])]
        c.expect(got.get("SslPolicy") == listener["ssl_policy"] and certificates == [listener["certificate_arn"]],
                 f"{address}: TLS policy {listener['ssl_policy']} with the stack's certificate", f"emulator: {got.get('SslPolicy')}, {certificates}")
    for address, certificate in of_type(resources, "aws_acm_certificate").items():
        got = aws.client("acm").describe_certificate(CertificateArn=certificate["arn"])["Certificate"]
        c.expect(got["Status"] == "ISSUED" and got["DomainName"] == certificate["domain_name"], f"{address}: certificate for {certificate['domain_name']} issued (DNS validation)")
    for address, record in of_type(resources, "aws_route53_record").items():
        sets = aws.client("route53").list_resource_record_sets(HostedZoneId=record["zone_id"])["ResourceRecordSets"]
        names = {(r["Name"].rstrip("."), r["Type"]) for r in sets}
        c.expect((record["fqdn"].rstrip("."), record["type"]) in names, f"{address}: {record['type']} {record['fqdn']} in the hosted zone")


def _check_database(c: Checks, rds, resources: dict[str, dict]) -> None:
    sg_by_id = {v["id"]: v["name"] for v in of_type(resources, "aws_security_group").values()}
    for address, db in of_type(resources, "aws_db_instance").items():
        found = rds.describe_db_instances(DBInstanceIdentifier=db["identifier"])["DBInstances"]
        if len(found) != 1:
            c.expect(False, f"{address}: DB instance {db['identifier']} exists")
            continue
        got = found[0]
        c.expect(got["DBInstanceStatus"] == "available" and got["Engine"] == "postgres", f"{address}: {db['identifier']} available, postgres")
        c.expect(got["PubliclyAccessible"] is False and got["StorageEncrypted"] is True, f"{address}: private, storage encrypted")
        groups = sorted(g["VpcSecurityGroupId"] for g in got.get("VpcSecurityGroups", []))
        c.expect(groups == sorted(db["vpc_security_group_ids"]), f"{address}: security groups {[sg_by_id.get(g, g) for g in groups]}")
        c.expect(got.get("DBSubnetGroup", {}).get("DBSubnetGroupName") == db["db_subnet_group_name"], f"{address}: subnet group {db['db_subnet_group_name']}")
        c.expect(got.get("MultiAZ") == db["multi_az"] and got.get("DeletionProtection") == db["deletion_protection"],
                 f"{address}: multi-AZ {db['multi_az']}, deletion protection {db['deletion_protection']}")


def check_destroyed(aws: Aws, applied: dict[str, dict]) -> Checks:
    """Nothing the stack created is left (the emulator's own defaults excepted); final snapshots were taken."""
    c = Checks()
    for address, db in of_type(applied, "aws_db_instance").items():
        if not db.get("skip_final_snapshot") and db.get("final_snapshot_identifier"):
            snapshots = aws.client("rds").describe_db_snapshots(DBSnapshotIdentifier=db["final_snapshot_identifier"])["DBSnapshots"]
            c.expect(len(snapshots) == 1, f"{address}: final snapshot {db['final_snapshot_identifier']} taken on destroy")
    ec2 = aws.client("ec2")
    vpcs = [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if not v.get("IsDefault")]
    c.expect(vpcs == [], "no VPC besides the emulator's default", ", ".join(vpcs))
    groups = [g["GroupId"] for g in ec2.describe_security_groups()["SecurityGroups"] if g["GroupName"] != "default"]
    c.expect(groups == [], "no security group besides the defaults", ", ".join(groups))
    eips = [a.get("AllocationId") for a in ec2.describe_addresses()["Addresses"]]
    c.expect(eips == [], "no Elastic IP", ", ".join(map(str, eips)))
    nats = [n["NatGatewayId"] for n in ec2.describe_nat_gateways()["NatGateways"] if n["State"] not in ("deleted", "deleting")]
    c.expect(nats == [], "no NAT gateway", ", ".join(nats))
    ecs = aws.client("ecs")
    arns = ecs.list_clusters()["clusterArns"]
    active = [cl["clusterName"] for cl in (ecs.describe_clusters(clusters=arns)["clusters"] if arns else []) if cl["status"] == "ACTIVE"]
    c.expect(active == [], "no ECS cluster", ", ".join(active))
    elbv2 = aws.client("elbv2")
    lbs = [lb["LoadBalancerName"] for lb in elbv2.describe_load_balancers()["LoadBalancers"]]
    c.expect(lbs == [], "no load balancer", ", ".join(lbs))
    tgs = [tg["TargetGroupName"] for tg in elbv2.describe_target_groups()["TargetGroups"]]
    c.expect(tgs == [], "no target group", ", ".join(tgs))
    dbs = [db["DBInstanceIdentifier"] for db in aws.client("rds").describe_db_instances()["DBInstances"]]
    c.expect(dbs == [], "no DB instance", ", ".join(dbs))
    repos = [r["repositoryName"] for r in aws.client("ecr").describe_repositories()["repositories"]]
    c.expect(repos == [], "no ECR repository", ", ".join(repos))
    groups = [g["logGroupName"] for g in aws.client("logs").describe_log_groups()["logGroups"]]
    c.expect(groups == [], "no log group", ", ".join(groups))
    roles = [r["RoleName"] for r in aws.client("iam").list_roles()["Roles"] if not r["Path"].startswith("/aws-service-role/")]
    c.expect(roles == [], "no IAM role", ", ".join(roles))
    topics = [t["TopicArn"] for t in aws.client("sns").list_topics()["Topics"]]
    c.expect(topics == [], "no SNS topic", ", ".join(topics))
    # /aws/... are AWS's public parameters (moto lists those it served, e.g. the ECS AMI).
    params = [p["Name"] for p in aws.client("ssm").describe_parameters()["Parameters"] if not p["Name"].startswith("/aws/")]
    c.expect(params == [], "no SSM parameter", ", ".join(params))
    alarms = [a["AlarmName"] for a in aws.client("cloudwatch").describe_alarms()["MetricAlarms"]]
    c.expect(alarms == [], "no CloudWatch alarm", ", ".join(alarms))
    targets = [t["ResourceId"] for t in aws.client("application-autoscaling").describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"]]
    c.expect(targets == [], "no scalable target", ", ".join(targets))
    return c

