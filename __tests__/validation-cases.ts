/**
 * Invalid configurations of issue 11, one per AWS or Terraform refusal, as
 * [name, mutation of the sample config, field path, value received, what is allowed]. The problem
 * line must read `  - <path>: <value> is not allowed; <allowed>` (config-validation.test.ts).
 */
export type Mutator = (config: any) => void;
export type Case = [name: string, mutate: Mutator, path: string, value: unknown, allowed: RegExp];

const dev = (c: any) => c.environments.dev;
const prod = (c: any) => c.environments.prod;
const each = (c: any, set: (env: any) => void) => Object.values(c.environments).forEach(set);
const sameAccount = (c: any) => (prod(c).allowedAccountIds = ["111111111111"]);
const onEc2 = (c: any, ec2: object = {}) => ((c.services.api.capacity = "ec2"), each(c, (e) => (e.ec2Capacity = { ...ec2 })));
const routedServices = (n: number, port = (i: number) => 8000 + i) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, { containerPort: port(i), routing: i === 0 ? { default: true } : { pathPatterns: [`/s${i}/*`], priority: i } }]));
const HOSTILE = '${file("/etc/passwd")}';

export const ISSUE_11_CASES: Case[] = [
  // 1. Terraform syntax in names and references that AWS would not take anyway
  ["interpolation in an ECS service name", (c) => (c.services.web.names = { service: HOSTILE }), "services.web.names.service", HOSTILE, /1–255 letters, digits, '_' or '-' \(ECS service names\)/],
  ["directive in a host header", (c) => (c.services.api.routing.hostHeaders = ["%{ if true }x%{ endif }"]), "services.api.routing.hostHeaders[0]", "%{ if true }x%{ endif }", /host name pattern: 1–128 of A-Z a-z 0-9 - \. \* \?/],
  ["interpolation in a tag value", (c) => (dev(c).tags = { team: "${var.team}" }), "environments.dev.tags.team", "${var.team}", /must hold only letters, digits, spaces and _ \. : \/ = \+ - @ \(tag values\)/],
  ["interpolation in a Secrets Manager name", (c) => (c.services.web.secrets = { KEY: { secretsManager: HOSTILE } }), "services.web.secrets.KEY.secretsManager", HOSTILE, /Secrets Manager secret name \(letters, digits, \/ _ \+ = \. @ -, at most 512\) or ARN/],
  ["interpolation in an SSM parameter reference", (c) => (c.services.web.secrets = { KEY: { ssmParameter: "/app/${x}" } }), "services.web.secrets.KEY.ssmParameter", "/app/${x}", /SSM parameter name \(letters, digits, _ \. - \/\) or ARN/],
  // 2. Names compared after defaults and overrides
  ["two services with one log group", (c) => ((c.services.web.names = { logGroup: "/ecs/shared" }), (c.services.api.names = { logGroup: "/ecs/shared" })), "services.api.names.logGroup", "/ecs/shared", /must be unique; service web already uses it/],
  ["a service named like the ECS Exec log group", (c) => (c.services.exec = { containerPort: 9000 }), "services.exec.names.logGroup", "/ecs/demo-dev/exec", /the ECS Exec session log group \(\/ecs\/<cluster>\/exec\) already uses it/],
  ["a task role named like the execution role, in other case", (c) => (c.services.web.names = { taskRole: "DEMO-DEV-WEB-EXECUTION" }), "services.web.names.taskRole", "DEMO-DEV-WEB-EXECUTION", /the task execution role of web already uses it \(as "demo-dev-web-execution"; IAM ignores case\)/],
  ["two services with one task family", (c) => ((c.services.web.names = { taskFamily: "app" }), (c.services.api.names = { taskFamily: "app" })), "services.api.names.taskFamily", "app", /must be unique; service web already uses it/],
  ["two routed services with one target group", (c) => ((c.services.web.names = { targetGroup: "tg" }), (c.services.api.names = { targetGroup: "tg" })), "services.api.names.targetGroup", "tg", /service web already uses it/],
  ["two services with one ECR repository", (c) => ((c.services.web.repository = { name: "shared" }), (c.services.api.repository = { name: "shared" })), "services.api.repository.name", "shared", /service web already uses it/],
  ["a service named like the database alarms", (c) => (c.services.database = { containerPort: 9000 }), "services.database", "demo-dev-alarms-database-cpu-high", /a database alarm already uses it/],
  ["two security groups with one name", (c) => (c.names = { albSecurityGroup: "edge", taskSecurityGroup: "edge" }), "names.taskSecurityGroup", "edge", /the ALB security group already uses it/],
  ["two parameters with one SSM name", (c) => (c.parameters = { a: { name: "/demo/key" }, b: { name: "/demo/key" } }), "parameters.b.name", "/demo/key", /parameter a already uses it/],
  [
    "secrets whose lookups share a Terraform address",
    (c) => ((c.services.web.secrets = { A: { secretsManager: "app/db" } }), (c.services.api.secrets = { B: { secretsManager: "app_db" } })),
    "services.api.secrets.B.secretsManager", "app_db", /data\.aws_secretsmanager_secret\.secret-app-db, which "app\/db" \(services\.web\.secrets\.A\.secretsManager\) already has/,
  ],
  ["a managed policy attached twice", (c) => (c.services.web.taskRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"] }), "services.web.taskRole.managedPolicyArns[1]", "arn:aws:iam::aws:policy/ReadOnlyAccess", /listed twice; attach each policy once/],
  ["two managed policies of one name", (c) => (c.services.web.taskRole = { managedPolicyArns: ["arn:aws:iam::aws:policy/Audit", "arn:aws:iam::123456789012:policy/team/Audit"] }), "services.web.taskRole.managedPolicyArns[1]", "arn:aws:iam::123456789012:policy/team/Audit", /the same policy name as arn:aws:iam::aws:policy\/Audit: a role attaches policies by name/],
  ["two statements with one sid", (c) => (c.services.web.taskRole = { statements: [{ sid: "Read", actions: ["s3:GetObject"], resources: ["*"] }, { sid: "Read", actions: ["s3:ListBucket"], resources: ["*"] }] }), "services.web.taskRole.statements[1].sid", "Read", /must be unique within the policy; another statement of this role uses it/],
  ["a sid the ECS Exec statements use", (c) => (c.services.web.taskRole = { statements: [{ sid: "EcsExecChannels", actions: ["s3:GetObject"], resources: ["*"] }] }), "services.web.taskRole.statements[0].sid", "EcsExecChannels", /the ECS Exec statements use it/],
  ["a host name listed twice", (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com", alternativeNames: ["app.example.com"] }), "environments.dev.domain.alternativeNames[0]", "app.example.com", /listed twice; list each host name once/],
  ["host names with one DNS record address", (c) => (dev(c).domain = { zone: "example.com", name: "a-b.example.com", alternativeNames: ["a.b.example.com"] }), "environments.dev.domain.alternativeNames[0]", "a.b.example.com", /its DNS records would take the Terraform address of a-b\.example\.com/],
  // 3. Environments in one account (and region)
  ["environments sharing account and region create the same ECR repository", sameAccount, "services.web.repository.name", "demo/web", /environments dev and prod share account 111111111111 and region eu-west-1, and both would create the ECR repository "demo\/web"; give one of them its own repository \(environments\.prod\.services\.web\.repositoryName\)/],
  ["an app-wide cluster name in one account and region", (c) => (sameAccount(c), (c.names = { cluster: "shared" }), each(c, (e) => (e.services = { web: { repositoryName: `w-${e.state.bucket}` }, api: { repositoryName: `a-${e.state.bucket}` } }))), "names.cluster", "shared", /environments dev and prod share account 111111111111 and region eu-west-1, and both would create the ECS cluster and Service Connect namespace "shared"; an app-wide name is the same in every environment/],
  ["an app-wide execution role in one account, other regions", (c) => (sameAccount(c), (prod(c).region = "eu-central-1"), (c.names = { executionRole: "exec" })), "names.executionRole", "exec-web-execution", /environments dev and prod share account 111111111111, and both would create the IAM role "exec-web-execution"/],
  ["an app-wide parameter name in one account and region", (c) => ((c.parameters = { key: { type: "String", name: "/shared/key" } }), sameAccount(c), (prod(c).region = "eu-central-1"), (prod(c).region = "eu-west-1"), (prod(c).services = { web: { repositoryName: "p/web" }, api: { repositoryName: "p/api" } })), "parameters.key.name", "/shared/key", /both would create the SSM parameter "\/shared\/key"/],
  // 4. AWS naming and value rules
  ["a tag key with the reserved aws: prefix", (c) => (dev(c).tags = { "aws:team": "x" }), "environments.dev.tags.aws:team", undefined, /key "aws:team" is not allowed; it must not start with aws: \(reserved for AWS's own tags\)/],
  ["a tag key over 128 characters", (c) => (dev(c).tags = { ["k".repeat(129)]: "x" }), `environments.dev.tags.${"k".repeat(129)}`, undefined, /it must be 1–128 characters \(tag keys\)/],
  ["a tag value over 256 characters", (c) => (dev(c).tags = { team: "v".repeat(257) }), "environments.dev.tags.team", "v".repeat(257), /must be at most 256 characters \(tag values\)/],
  ["more tags than leave room for the platform's", (c) => (dev(c).tags = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`t${i}`, "x"]))), "environments.dev.tags", "46 tags", /at most 45: AWS allows 50 tags per resource and the platform sets up to 5/],
  ["a tag the platform sets itself", (c) => (dev(c).tags = { app: "other" }), "environments.dev.tags.app", "other", /the platform sets the app tag itself/],
  ["an RDS identifier with a double hyphen", (c) => (c.database = { identifier: "shop--db" }), "database.identifier", "shop--db", /must not contain two consecutive hyphens \(RDS identifiers\)/],
  ["an RDS identifier ending in a hyphen", (c) => (c.database = { identifier: "shop-" }), "database.identifier", "shop-", /must not end with a hyphen \(RDS identifiers\)/],
  ["a default RDS identifier from an app name with a double hyphen", (c) => (c.app = "my--app"), "database.identifier", "my--app-dev", /must not contain two consecutive hyphens/],
  ["an ECR repository name over 256 characters", (c) => (c.services.web.repository = { name: "r".repeat(257) }), "services.web.repository.name", "r".repeat(257), /must be at most 256 character/],
  ["a state bucket in IP form", (c) => (dev(c).state = { bucket: "192.168.5.4" }), "environments.dev.state.bucket", "192.168.5.4", /must not look like an IP address \(S3 bucket names\)/],
  ["a state bucket with adjacent periods", (c) => (dev(c).state = { bucket: "my..bucket" }), "environments.dev.state.bucket", "my..bucket", /must not contain two adjacent periods/],
  ["a state bucket with a reserved prefix", (c) => (dev(c).state = { bucket: "xn--state" }), "environments.dev.state.bucket", "xn--state", /must not start with xn--, sthree- or amzn-s3-demo- \(reserved by S3\)/],
  ["an SSM parameter under /aws", (c) => (c.parameters = { key: { type: "String", name: "/aws/my-key" } }), "parameters.key.name", "/aws/my-key", /must not start with aws or ssm, in any case \(reserved by SSM\)/],
  ["an SSM name over 1011 characters with its ARN", (c) => (c.parameters = { key: { type: "String", name: `/${"n".repeat(967)}` } }), "parameters.key.name", `/${"n".repeat(967)}`, /must be at most 967 characters \(SSM's 1011 count the 44-character ARN before the name\)/],
  ["a default SSM name under a reserved prefix", (c) => ((c.app = "ssm-tools"), (c.parameters = { key: { type: "String" } })), "parameters.key.name", "/ssm-tools/dev/key", /must not start with aws or ssm/],
  ["a security group named sg-…", (c) => (c.names = { albSecurityGroup: "sg-edge" }), "names.albSecurityGroup", "sg-edge", /must not start with sg- \(reserved: it looks like a group ID\)/],
  ["a security group named default", (c) => (c.names = { taskSecurityGroup: "default" }), "names.taskSecurityGroup", "default", /must not be 'default' \(the VPC's own group\)/],
  ["an autoscaled service name too long for its scaling policies", (c) => (c.services.web.names = { service: "s".repeat(250) }), "services.web.names.service", "s".repeat(250), /at most 247 characters with autoscaling: its scaling policies are named <service>-requests/],
  ["an ECS service name with a space", (c) => (c.services.web.names = { service: "web app" }), "services.web.names.service", "web app", /1–255 letters, digits, '_' or '-'/],
  ["an ALB matcher outside 200–499", (c) => (c.services.web.healthCheck = { matcher: "200-500" }), "services.web.healthCheck.matcher", "200-500", /must be HTTP codes from 200 to 499 \(ALB success codes; 200-500 is outside\)/],
  ["an ALB matcher range backwards", (c) => (c.services.web.healthCheck = { matcher: "299-200" }), "services.web.healthCheck.matcher", "299-200", /must give a range as low-high \(299-200\)/],
  ["a DNS label over 63 characters", (c) => (dev(c).domain = { zone: "example.com", name: `${"a".repeat(64)}.example.com` }), "environments.dev.domain.name", `${"a".repeat(64)}.example.com`, /must have DNS labels of at most 63 characters \(one has 64\)/],
  ["a DNS name over 253 characters", (c) => (dev(c).domain = { zone: "example.com", name: `${Array(5).fill("a".repeat(60)).join(".")}.example.com` }), "environments.dev.domain.name", `${Array(5).fill("a".repeat(60)).join(".")}.example.com`, /must be at most 253 characters \(DNS names\)/],
  ["a task definition over 64 KiB", (c) => (c.services.web.environment = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`V${i}`, "x".repeat(2000)]))), "services.web.environment", /^"about \d+ bytes"$/, /a task definition is at most 65536 bytes \(64 KiB\)/],
  ["an empty literal parameter", (c) => (c.parameters = { key: { valueFrom: { literal: "" } } }), "parameters.key.valueFrom.literal", "", /SSM refuses an empty value; give 1 byte to 4 KB/],
  ["a literal parameter over 4 KB", (c) => (c.parameters = { key: { valueFrom: { literal: "é".repeat(2049) } } }), "parameters.key.valueFrom.literal", "4098 bytes", /an SSM Standard parameter holds at most 4096 bytes/],
  ["a target health check timeout not below the interval", (c) => (c.services.web.healthCheck = { interval: 10, timeout: 10 }), "services.web.healthCheck.timeout", 10, /must be less than healthCheck\.interval \(10\)/],
  ["a PostgreSQL minor RDS does not offer", (c) => (c.database = { engineVersion: "16.99" }), "database.engineVersion", "16.99", /RDS does not offer it; allowed: a major version 12, 13, 14, 15, 16, 17, 18 .*16\.x offered: .*16\.11.*list as of \d{4}-\d{2}-\d{2}/],
  ["a misspelt region", (c) => (dev(c).region = "eu-wset-1"), "environments.dev.region", "eu-wset-1", /not an AWS region \(did you mean eu-west-1\?\); allowed: a region of config\/regions\.ts \(list as of \d{4}-\d{2}-\d{2}/],
  ["a state region that does not exist", (c) => (dev(c).state = { bucket: "demo-state-dev", region: "eu-west-9" }), "environments.dev.state.region", "eu-west-9", /not an AWS region/],
  ["a load balancer name starting with internal-", (c) => (dev(c).loadBalancer = { name: "internal-edge" }), "environments.dev.loadBalancer.name", "internal-edge", /must not start with internal- \(reserved by Elastic Load Balancing\)/],
  // 5. Shapes AWS refuses
  ["one availability zone", (c) => (dev(c).network = { azCount: 1 }), "environments.dev.network.azCount", 1, /must be at least 2: the load balancer \(and a database's subnet group\) need subnets in two availability zones/],
  ["one explicit availability zone", (c) => (dev(c).network = { availabilityZones: ["eu-west-1a"] }), "environments.dev.network.availabilityZones", ["eu-west-1a"], /must be at least 2 item\(s\): the load balancer/],
  ["101 target groups on one load balancer", (c) => (c.services = routedServices(101, (i) => 8000 + (i % 20))), "services.s100.routing", "101 target groups", /at most 100 target groups; these services are over: s100/],
  ["six condition values on one rule", (c) => (c.services.api.routing = { pathPatterns: ["/a", "/b", "/c"], hostHeaders: ["a.example.com", "b.example.com", "c.example.com"], priority: 100 }), "services.api.routing", ["/a", "/b", "/c", "a.example.com", "b.example.com", "c.example.com"], /at most 5 condition values in all \(pathPatterns and hostHeaders together; here 6\)/],
  ["six wildcards on one rule", (c) => (c.services.api.routing = { pathPatterns: ["/a/*/*/*", "/b/*/*/*"], priority: 100 }), "services.api.routing", ["/a/*/*/*", "/b/*/*/*"], /at most 5 wildcards \(\* and \?\) in its conditions \(here 6\)/],
  ["eleven names on one certificate", (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com", alternativeNames: Array.from({ length: 10 }, (_, i) => `a${i}.example.com`) }), "environments.dev.domain.alternativeNames", Array.from({ length: 10 }, (_, i) => `a${i}.example.com`), /at most 10 names \(domain\.name plus 9 alternative names; here 11\)/],
  ["31 ingress CIDRs with HTTPS", (c) => (dev(c).domain = { zone: "example.com", name: "app.example.com" }, dev(c).loadBalancer = { ingressCidrs: Array.from({ length: 31 }, (_, i) => `10.${i}.0.0/16`) }), "environments.dev.loadBalancer.ingressCidrs", "31 CIDRs", /the ALB security group would have 62 inbound rules \(2 per CIDR\), over AWS's default quota of 60: at most 30 CIDRs/],
  ["31 container ports on the task security group", (c) => (c.services = routedServices(31)), "services.s30.containerPort", 8030, /the task security group would have 62 inbound rules \(2 per distinct port, 31 ports\), over AWS's default quota of 60; the ports of s30 push it over/],
  ["ARM64 tasks on x86 instances", (c) => (onEc2(c, { instanceType: "t3.small" }), (c.services.api.architecture = "ARM64")), "services.api.architecture", "ARM64", /instanceType t3\.small is X86_64, so these tasks could never be placed/],
  ["x86 tasks on Graviton instances of an unlisted size", (c) => onEc2(c, { instanceType: "m7g.metal" }), "services.api.architecture", "X86_64", /instanceType m7g\.metal is ARM64/],
  ["a task with more memory than the instance", (c) => (onEc2(c, { instanceType: "t3.small" }), (c.services.api.cpu = 1024), (c.services.api.memory = 4096)), "services.api.memory", 4096, /t3\.small has 2048 MiB, of which it registers about 1945 with ECS, so the task could never be placed; at most 1945/],
  ["a task with more CPU than the instance", (c) => (onEc2(c, { instanceType: "t3.small" }), (c.services.api.cpu = 4096)), "services.api.cpu", 4096, /has 2 vCPUs \(2048 units\), so the task could never be placed/],
  ["an EC2 task below 128 CPU units", (c) => (onEc2(c), (c.services.api.cpu = 64)), "services.api.cpu", 64, /EC2 task CPU is 128–196608 units/],
  ["a negative CPU", (c) => (c.services.web.cpu = -256), "services.web.cpu", -256, /must be at least 1/],
  ["zero memory", (c) => (dev(c).services = { web: { memory: 0 } }), "environments.dev.services.web.memory", 0, /must be at least 1/],
  ["an empty AMI parameter", (c) => onEc2(c, { amiParameter: "" }), "environments.dev.ec2Capacity.amiParameter", "", /must be an SSM parameter name \(1–2048 letters, digits, _ \. - \/\)/],
  // 6. Silent no-ops and wide CIDRs
  ["SSH from a /8", (c) => onEc2(c, { sshCidr: "10.0.0.0/8" }), "environments.dev.ec2Capacity.sshCidr", "10.0.0.0/8", /SSH from a \/8 is not allowed; allowed: an admin CIDR of \/16 or narrower/],
  ["a key pair without sshCidr", (c) => onEc2(c, { keyName: "admin" }), "environments.dev.ec2Capacity.keyName", "admin", /only allowed with ec2Capacity\.sshCidr/],
  ["a CIDR listed twice", (c) => (dev(c).loadBalancer = { ingressCidrs: ["203.0.113.0/24", "203.0.113.0/24"] }), "environments.dev.loadBalancer.ingressCidrs[1]", "203.0.113.0/24", /already listed at ingressCidrs\[0\]; each CIDR once/],
  ["a priority on the default route without conditions", (c) => (c.services.web.routing = { default: true, priority: 5 }), "services.web.routing.priority", 5, /only allowed with pathPatterns or hostHeaders: .*AWS refuses a rule without conditions/],
  // 7. Keys that are JavaScript built-ins
  ["a __proto__ key (as JSON.parse makes it)", (c) => (c.services = JSON.parse('{"__proto__": {"containerPort": 80}}')), "services.__proto__", undefined, /key "__proto__" is not allowed: JavaScript reserves it/],
  ["a service named constructor", (c) => (c.services.constructor = { containerPort: 80 }), "services.constructor", undefined, /key "constructor" is not allowed: JavaScript reserves it/],
  ["a secret from the parameter toString", (c) => (c.services.web.secrets = { KEY: { parameter: "toString" } }), "services.web.secrets.KEY.parameter", "toString", /must be a key of parameters \(declared: none\)/],
  ["an override of the service valueOf", (c) => (dev(c).services = { valueOf: { desiredCount: 1 } }), "environments.dev.services.valueOf", "valueOf", /must be a service name \(defined: web, api\)/],
];

const job = (schedule: object | undefined = { expression: "cron(0 3 * * ? *)" }) => ({ kind: "job", schedule });

/** Invalid configurations of issue 13 (workload kinds, schedules, runtime settings), same form as ISSUE_11_CASES. */
export const ISSUE_13_CASES: Case[] = [
  ["a worker with routing", (c) => ((c.services.api.kind = "worker"), delete c.services.api.containerPort), "services.api.routing", { pathPatterns: ["/api/*"], priority: 100, default: false }, /only allowed with kind "web"; a service of kind "worker" is never behind the load balancer/],
  ["an internal service with routing", (c) => (c.services.api.kind = "internal"), "services.api.routing", { pathPatterns: ["/api/*"], priority: 100, default: false }, /only allowed with kind "web"; a service of kind "internal"/],
  ["an internal service without a port", (c) => (c.services.cache = { kind: "internal" }), "services.cache.containerPort", /^missing$/, /required for kind "internal"/],
  ["a job without a schedule", (c) => (c.services.nightly = { kind: "job" }), "services.nightly.schedule", /^missing$/, /required for kind "job"/],
  ["a job with a port", (c) => (c.services.nightly = { ...job(), containerPort: 9000 }), "services.nightly.containerPort", 9000, /not allowed for kind "job": a job takes no traffic/],
  ["a schedule on a web service", (c) => (c.services.web.schedule = { expression: "rate(1 hour)" }), "services.web.schedule.expression", "rate(1 hour)", /only allowed with kind "job" \(this service is "web"\)/],
  ["a cron expression with five fields", (c) => (c.services.nightly = job({ expression: "cron(0 3 * * ?)" })), "services.nightly.schedule.expression", "cron(0 3 * * ?)", /must be cron\(<6 fields>\), rate\(<n> <unit>\) or at/],
  ["a cron expression without ?", (c) => (c.services.nightly = job({ expression: "cron(0 3 * * * *)" })), "services.nightly.schedule.expression", "cron(0 3 * * * *)", /must have \? in exactly one of day-of-month/],
  ["a rate in weeks", (c) => (c.services.nightly = job({ expression: "rate(1 week)" })), "services.nightly.schedule.expression", "rate(1 week)", /must be cron\(<6 fields>\), rate\(<n> <unit>\)/],
  ["a time zone that is not IANA", (c) => (c.services.nightly = job({ expression: "rate(1 hour)", timezone: "CET+1" })), "services.nightly.schedule.timezone", "CET+1", /IANA time zone such as Europe\/Berlin/],
  ["a flexible window over a day", (c) => (c.services.nightly = job({ expression: "rate(1 hour)", flexibleWindowMinutes: 1441 })), "services.nightly.schedule.flexibleWindowMinutes", 1441, /at most 1440/],
  ["a pre-deploy task on a job", (c) => (c.services.nightly = { ...job(), preDeploy: { command: ["migrate"] } }), "services.nightly.preDeploy", { command: ["migrate"], timeoutSeconds: 900 }, /a job has no rollout to run before/],
  ["stopTimeout over 120 on Fargate", (c) => (c.services.web.stopTimeout = 300), "services.web.stopTimeout", 300, /at most 120 seconds on Fargate \(2–120; EC2 allows up to 3600\)/],
  ["ephemeral storage below 21 GiB", (c) => (c.services.web.ephemeralStorageGiB = 20), "services.web.ephemeralStorageGiB", 20, /at least 21/],
  ["ephemeral storage over 200 GiB", (c) => (c.services.web.ephemeralStorageGiB = 201), "services.web.ephemeralStorageGiB", 201, /at most 200/],
  ["ephemeral storage on EC2", (c) => (onEc2(c), (c.services.api.ephemeralStorageGiB = 40)), "services.api.ephemeralStorageGiB", 40, /only allowed with capacity "fargate"/],
  ["a ulimit soft limit above its hard limit", (c) => (c.services.web.ulimits = [{ name: "nofile", softLimit: 2048, hardLimit: 1024 }]), "services.web.ulimits[0].softLimit", 2048, /must be ≤ hardLimit \(1024\)/],
  ["an unknown ulimit", (c) => (c.services.web.ulimits = [{ name: "files", softLimit: 1, hardLimit: 1 }]), "services.web.ulimits[0].name", "files", /"nofile"/],
  ["an environment file that is not in S3", (c) => (c.services.web.environmentFiles = ["https://example.com/web.env"]), "services.web.environmentFiles[0]", "https://example.com/web.env", /must be an S3 object URL s3:\/\/<bucket>\/<key>\.env/],
  ["an environment file listed twice", (c) => (c.services.web.environmentFiles = ["s3://demo-config/web.env", "s3://demo-config/web.env"]), "services.web.environmentFiles[1]", "s3://demo-config/web.env", /already listed at environmentFiles\[0\]/],
  ["an unknown kind", (c) => (c.services.web.kind = "cron"), "services.web.kind", "cron", /"web" \| "internal" \| "worker" \| "job"/],
  ["a relative working directory", (c) => (c.services.web.workingDirectory = "app"), "services.web.workingDirectory", "app", /absolute path starting with '\/'/],
  ["sidecars larger than the task", (c) => (c.services.web.sidecars = { otel: { image: { external: "otel/collector:1" }, cpu: 256 } }), "services.web.sidecars", "256 CPU units", /the sidecars reserve 256 of the task's 256 CPU units/],
  ["a dependsOn on an unknown container", (c) => (c.services.web.dependsOn = [{ container: "proxy" }]), "services.web.dependsOn[0].container", "proxy", /must be a container of this task \(web\)/],
  ["a dependsOn cycle", (c) => ((c.services.web.sidecars = { otel: { image: { external: "otel/collector:1" }, dependsOn: [{ container: "web" }] } }), (c.services.web.dependsOn = [{ container: "otel" }])), "services.web.dependsOn", "web → otel → web", /must not form a cycle/],
  ["a dependsOn condition ECS does not know", (c) => (c.services.web.dependsOn = [{ container: "web", condition: "READY" }]), "services.web.dependsOn[0].condition", "READY", /"START" \| "HEALTHY" \| "COMPLETE" \| "SUCCESS"/],
  ["a sidecar from an unknown service's repository", (c) => (c.services.web.sidecars = { agent: { image: { repository: "agent" } } }), "services.web.sidecars.agent.image.repository", "agent", /must be a service key whose ECR repository to use \(defined: web, api\)/],
  ["HEALTHY on a sidecar without a health check", (c) => ((c.services.web.sidecars = { otel: { image: { external: "otel/collector:1" } } }), (c.services.web.dependsOn = [{ container: "otel", condition: "HEALTHY" }])), "services.web.dependsOn[0].condition", "HEALTHY", /container otel has no health check/],
  ["an EFS volume the service does not mount", (c) => (c.services.web.volumes = { uploads: { efs: {} } }), "services.web.volumes.uploads", "efs", /is never mounted; add a mountPoints entry/],
  ["a mount of an undeclared volume", (c) => (c.services.web.mountPoints = [{ volume: "data", containerPath: "/data" }]), "services.web.mountPoints[0].volume", "data", /must be a volume of this service/],
  ["an EFS file system ID that is not one", (c) => ((c.services.web.volumes = { data: { efs: { fileSystemId: "efs-123" } } }), (c.services.web.mountPoints = [{ volume: "data", containerPath: "/data" }])), "services.web.volumes.data.efs.fileSystemId", "efs-123", /EFS file system ID such as fs-0123456789abcdef0/],
];
