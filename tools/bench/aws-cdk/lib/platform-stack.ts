import * as cdk from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as logs from "aws-cdk-lib/aws-logs";
import * as rds from "aws-cdk-lib/aws-rds";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as targets from "aws-cdk-lib/aws-route53-targets";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import * as ssm from "aws-cdk-lib/aws-ssm";
import { Construct } from "constructs";
import { AppService } from "./app-service";
import type { EnvironmentStackProps } from "./settings";

/** stacks/platform-stack.ts's architecture: VPC, security groups, cluster, database, ALB, services, alarms. */
export class PlatformStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    const s = props.settings;
    const name = `shop-${s.env}`;

    const vpc = new ec2.Vpc(this, "Vpc", {
      vpcName: name,
      ipAddresses: ec2.IpAddresses.cidr(s.cidr),
      availabilityZones: s.availabilityZones,
      natGateways: s.natGateways,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 20 },
        { name: "private", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      flowLogs: {
        all: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(
            new logs.LogGroup(this, "FlowLogs", { retention: s.logRetentionDays as logs.RetentionDays, removalPolicy: cdk.RemovalPolicy.DESTROY }),
          ),
        },
      },
    });
    if (s.vpcEndpoints) {
      vpc.addGatewayEndpoint("S3", { service: ec2.GatewayVpcEndpointAwsService.S3 });
      const interfaces = { EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR, EcrDkr: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER, Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS, Ssm: ec2.InterfaceVpcEndpointAwsService.SSM, SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER };
      for (const [id, service] of Object.entries(interfaces)) vpc.addInterfaceEndpoint(id, { service, privateDnsEnabled: true });
    }

    const albSg = new ec2.SecurityGroup(this, "AlbSg", { vpc, securityGroupName: `${name}-alb`, description: "ALB", allowAllOutbound: false });
    const taskSg = new ec2.SecurityGroup(this, "TaskSg", { vpc, securityGroupName: `${name}-tasks`, description: "ECS tasks" });
    const dbSg = new ec2.SecurityGroup(this, "DbSg", { vpc, securityGroupName: `${name}-db`, description: "database", allowAllOutbound: false });
    albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), "HTTP");
    albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), "HTTPS");
    for (const svc of s.services) {
      taskSg.addIngressRule(albSg, ec2.Port.tcp(svc.containerPort), `${svc.name} from the ALB`);
      albSg.addEgressRule(taskSg, ec2.Port.tcp(svc.containerPort), `to ${svc.name}`);
    }
    dbSg.addIngressRule(taskSg, ec2.Port.tcp(5432), "PostgreSQL from tasks");

    const cluster = new ecs.Cluster(this, "Cluster", {
      clusterName: name,
      vpc,
      enableFargateCapacityProviders: true,
      containerInsightsV2: s.production ? ecs.ContainerInsights.ENABLED : ecs.ContainerInsights.DISABLED,
      defaultCloudMapNamespace: { name, type: cdk.aws_servicediscovery.NamespaceType.HTTP, useForServiceConnect: true },
    });

    const database = new rds.DatabaseInstance(this, "Database", {
      instanceIdentifier: name,
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      instanceType: new ec2.InstanceType(s.databaseInstanceType),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [dbSg],
      credentials: rds.Credentials.fromGeneratedSecret("postgres"),
      databaseName: "shop",
      allocatedStorage: 20,
      maxAllocatedStorage: 100,
      storageType: rds.StorageType.GP3,
      storageEncrypted: true,
      multiAz: s.production,
      deletionProtection: s.production,
      removalPolicy: s.production ? cdk.RemovalPolicy.SNAPSHOT : cdk.RemovalPolicy.DESTROY,
      backupRetention: cdk.Duration.days(7),
      enablePerformanceInsights: true,
      iamAuthentication: true,
      cloudwatchLogsExports: ["postgresql", "upgrade"],
      cloudwatchLogsRetention: s.logRetentionDays as logs.RetentionDays,
      parameterGroup: new rds.ParameterGroup(this, "DbParameters", {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
        parameters: { "rds.force_ssl": "1" },
      }),
    });

    const alb = new elbv2.ApplicationLoadBalancer(this, "Alb", {
      loadBalancerName: name,
      vpc,
      internetFacing: true,
      securityGroup: albSg,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      deletionProtection: s.production,
      idleTimeout: cdk.Duration.seconds(60),
    });
    if (s.production) {
      const accessLogs = new s3.Bucket(this, "AccessLogs", {
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        lifecycleRules: [{ expiration: cdk.Duration.days(90) }],
      });
      alb.logAccessLogs(accessLogs, "alb");
    }
    let listener: elbv2.ApplicationListener;
    if (s.domain) {
      const zone = route53.HostedZone.fromHostedZoneAttributes(this, "Zone", { hostedZoneId: "Z0EXAMPLE", zoneName: s.domain.zone });
      const certificate = new acm.Certificate(this, "Certificate", { domainName: s.domain.name, validation: acm.CertificateValidation.fromDns(zone) });
      listener = alb.addListener("Https", { port: 443, certificates: [certificate], sslPolicy: elbv2.SslPolicy.TLS13_RES, open: false });
      alb.addRedirect({ sourcePort: 80, targetPort: 443 });
      new route53.ARecord(this, "Alias", { zone, recordName: s.domain.name, target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(alb)) });
    } else {
      listener = alb.addListener("Http", { port: 80, open: false });
    }

    const url = s.domain ? `https://${s.domain.name}` : `http://${alb.loadBalancerDnsName}`;
    const parameters = {
      "api-url": new ssm.StringParameter(this, "ApiUrl", { parameterName: `/shop/${s.env}/api-url`, stringValue: `${url}/api`, description: "Public API base URL" }),
      // CloudFormation cannot create SecureString parameters: a String placeholder, set out of band.
      "payment-api-key": new ssm.StringParameter(this, "PaymentApiKey", { parameterName: `/shop/${s.env}/payment-api-key`, stringValue: "set-out-of-band", description: "Payment provider API key (set out of band)" }),
    };

    const topic = new sns.Topic(this, "Alarms", { topicName: `${name}-alarms`, masterKey: cdk.aws_kms.Alias.fromAliasName(this, "SnsKey", "alias/aws/sns") });
    if (s.alarmEmail) topic.addSubscription(new subscriptions.EmailSubscription(s.alarmEmail));

    for (const svc of s.services) {
      new AppService(this, `Service-${svc.name}`, { settings: svc, environment: s, cluster, securityGroup: taskSg, listener, parameters, database, alarmTopic: topic });
    }

    const alarm = (id: string, metric: cloudwatch.Metric, threshold: number) =>
      new cloudwatch.Alarm(this, id, { metric, threshold, evaluationPeriods: 3, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING }).addAlarmAction(new actions.SnsAction(topic));
    alarm("Alb5xx", alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT), 10);
    alarm("DbCpu", database.metricCPUUtilization(), 80);
    alarm("DbStorage", database.metricFreeStorageSpace(), 2 * 1024 ** 3);

    new cdk.CfnOutput(this, "LoadBalancerDns", { value: alb.loadBalancerDnsName });
    new cdk.CfnOutput(this, "Url", { value: url });
    new cdk.CfnOutput(this, "ClusterName", { value: cluster.clusterName });
    new cdk.CfnOutput(this, "DatabaseEndpoint", { value: database.dbInstanceEndpointAddress });
  }
}
