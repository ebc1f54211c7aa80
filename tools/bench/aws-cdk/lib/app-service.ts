import * as cdk from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecr from "aws-cdk-lib/aws-ecr";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as logs from "aws-cdk-lib/aws-logs";
import * as rds from "aws-cdk-lib/aws-rds";
import * as sns from "aws-cdk-lib/aws-sns";
import * as ssm from "aws-cdk-lib/aws-ssm";
import { Construct } from "constructs";
import type { EnvironmentSettings, ServiceSettings } from "./settings";

export interface AppServiceProps {
  readonly settings: ServiceSettings;
  readonly environment: EnvironmentSettings;
  readonly cluster: ecs.Cluster;
  readonly securityGroup: ec2.SecurityGroup;
  readonly listener: elbv2.ApplicationListener;
  readonly parameters: Record<string, ssm.IStringParameter>;
  readonly database: rds.DatabaseInstance;
  readonly alarmTopic: sns.Topic;
}

/** One service: repository, log group, task definition, Fargate service, target group and rule, autoscaling, alarms. */
export class AppService extends Construct {
  public readonly service: ecs.FargateService;
  public readonly targetGroup: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: AppServiceProps) {
    super(scope, id);
    const s = props.settings;
    const production = props.environment.production;
    const repository = new ecr.Repository(this, "Repository", {
      repositoryName: `shop/${s.name}`,
      imageScanOnPush: true,
      imageTagMutability: production ? ecr.TagMutability.IMMUTABLE : ecr.TagMutability.MUTABLE,
      encryption: ecr.RepositoryEncryption.KMS,
      lifecycleRules: [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: cdk.Duration.days(7) }, { tagStatus: ecr.TagStatus.ANY, maxImageCount: 20 }],
    });
    const logGroup = new logs.LogGroup(this, "Logs", {
      logGroupName: `/ecs/shop-${props.environment.env}/${s.name}`,
      retention: props.environment.logRetentionDays as logs.RetentionDays,
      removalPolicy: cdk.RemovalPolicy.DESTROY,
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, "Task", {
      family: `shop-${props.environment.env}-${s.name}`,
      cpu: s.cpu,
      memoryLimitMiB: s.memoryMiB,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    const secrets: Record<string, ecs.Secret> = {};
    for (const [name, key] of Object.entries(s.parameterSecrets)) secrets[name] = ecs.Secret.fromSsmParameter(props.parameters[key]);
    const environment: Record<string, string> = { ...s.environment };
    if (s.databaseEnv && props.database.secret) {
      environment.DB_HOST = props.database.dbInstanceEndpointAddress;
      environment.DB_PORT = props.database.dbInstanceEndpointPort;
      environment.DB_NAME = "shop";
      secrets.DB_USER = ecs.Secret.fromSecretsManager(props.database.secret, "username");
      secrets.DB_PASSWORD = ecs.Secret.fromSecretsManager(props.database.secret, "password");
    }
    taskDefinition.addContainer(s.name, {
      containerName: s.name,
      image: ecs.ContainerImage.fromEcrRepository(repository, "latest"),
      portMappings: [{ containerPort: s.containerPort, name: s.name, appProtocol: ecs.AppProtocol.http }],
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: s.name }),
      environment,
      secrets,
    });

    this.service = new ecs.FargateService(this, "Service", {
      serviceName: s.name,
      cluster: props.cluster,
      taskDefinition,
      desiredCount: s.desiredCount,
      securityGroups: [props.securityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      healthCheckGracePeriod: cdk.Duration.seconds(60),
      enableExecuteCommand: !production,
      capacityProviderStrategies: production
        ? [{ capacityProvider: "FARGATE", weight: 1 }]
        : [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }],
      serviceConnectConfiguration: { services: [{ portMappingName: s.name }] },
    });

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, "Targets", {
      targetGroupName: `shop-${props.environment.env}-${s.name}`,
      vpc: props.cluster.vpc,
      port: s.containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      targets: [this.service],
      deregistrationDelay: cdk.Duration.seconds(30),
      healthCheck: { path: s.healthCheckPath, healthyHttpCodes: "200", interval: cdk.Duration.seconds(30), timeout: cdk.Duration.seconds(5) },
    });
    if (s.pathPatterns) {
      new elbv2.ApplicationListenerRule(this, "Rule", {
        listener: props.listener,
        priority: s.priority!,
        conditions: [elbv2.ListenerCondition.pathPatterns(s.pathPatterns)],
        action: elbv2.ListenerAction.forward([this.targetGroup]),
      });
    } else {
      props.listener.addAction("Default", { action: elbv2.ListenerAction.forward([this.targetGroup]) });
    }

    const scaling = this.service.autoScaleTaskCount({ minCapacity: s.minCount, maxCapacity: s.maxCount });
    scaling.scaleOnCpuUtilization("Cpu", { targetUtilizationPercent: 60 });
    scaling.scaleOnMemoryUtilization("Memory", { targetUtilizationPercent: 75 });
    scaling.scaleOnRequestCount("Requests", { requestsPerTarget: 1000, targetGroup: this.targetGroup });

    const alarm = (name: string, metric: cloudwatch.Metric, threshold: number) =>
      new cloudwatch.Alarm(this, name, { metric, threshold, evaluationPeriods: 3, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING }).addAlarmAction(
        new actions.SnsAction(props.alarmTopic),
      );
    alarm("CpuHigh", this.service.metricCpuUtilization(), 85);
    alarm("MemoryHigh", this.service.metricMemoryUtilization(), 85);
    alarm("Unhealthy", this.targetGroup.metrics.unhealthyHostCount(), 1);
  }
}
