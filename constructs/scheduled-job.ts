import { Construct } from "constructs";
import type { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import type { CapacityShare } from "./cluster";
import { policyDocument, serviceTrustPolicy } from "./policy";
import { taskDefinition, type TaskProps } from "./task-definition";
import type { Alarms } from "./alarms";

export interface ScheduledJobProps {
  /** Config key: part of the Terraform addresses. */
  readonly key: string;
  readonly task: TaskProps;
  readonly scheduleName: string;
  readonly roleName: string;
  readonly deadLetterQueueName: string;
  /** `cron(...)`, `rate(...)` or `at(...)`. */
  readonly expression: string;
  readonly timezone: string;
  /** 0: exactly on time. */
  readonly flexibleWindowMinutes: number;
  readonly retries: number;
  readonly maxEventAgeSeconds: number;
  readonly enabled: boolean;
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  readonly clusterArn: string;
  readonly capacityProviderStrategy: readonly CapacityShare[];
  /** awsvpc networking. @default - bridge mode on the instances */
  readonly network?: { readonly subnetIds: string[]; readonly securityGroupIds: string[] };
  /** @default - no dead-letter alarm */
  readonly alarms?: Alarms;
}

/**
 * A task that runs on a schedule: its own task definition, an EventBridge Scheduler schedule that
 * runs it in the cluster, a scheduler role that may run exactly this family and pass exactly its
 * two roles, and an encrypted dead-letter queue for runs the scheduler could not start.
 */
export class ScheduledJob extends Construct {
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly schedule: SchedulerSchedule;
  public readonly role: IamRole;
  public readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    this.taskDefinition = taskDefinition(this, "task-definition", props.task, `${props.key}-http`);
    this.deadLetterQueue = new SqsQueue(this, "dead-letter-queue", {
      name: props.deadLetterQueueName,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 1209600,
    });
    props.alarms?.addDeadLetterAlarm(props.key, this.deadLetterQueue.name);

    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: `EventBridge Scheduler: runs ${props.task.taskFamily}`,
      assumeRolePolicy: serviceTrustPolicy(this, "trust", "scheduler.amazonaws.com", props.accountId).json,
    });
    const family = `arn:${props.partition}:ecs:${props.region}:${props.accountId}:task-definition/${props.task.taskFamily}`;
    new IamRolePolicy(this, "policy", {
      name: "run-job",
      role: this.role.id,
      policy: policyDocument(this, "permissions", [
        {
          sid: "RunJobTask",
          actions: ["ecs:RunTask"],
          resources: [family, `${family}:*`],
          condition: [{ test: "ArnEquals", variable: "ecs:cluster", values: [props.clusterArn] }],
        },
        {
          sid: "PassJobRoles",
          actions: ["iam:PassRole"],
          resources: [props.task.executionRoleArn, props.task.taskRoleArn],
          condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["ecs-tasks.amazonaws.com"] }],
        },
        { sid: "DeadLetters", actions: ["sqs:SendMessage"], resources: [this.deadLetterQueue.arn] },
      ]).json,
    });

    const window = props.flexibleWindowMinutes;
    this.schedule = new SchedulerSchedule(this, "schedule", {
      name: props.scheduleName,
      groupName: "default",
      scheduleExpression: props.expression,
      scheduleExpressionTimezone: props.timezone,
      state: props.enabled ? "ENABLED" : "DISABLED",
      flexibleTimeWindow: window > 0 ? { mode: "FLEXIBLE", maximumWindowInMinutes: window } : { mode: "OFF" },
      target: {
        arn: props.clusterArn,
        roleArn: this.role.arn,
        ecsParameters: {
          taskDefinitionArn: this.taskDefinition.arn,
          taskCount: 1,
          launchType: props.capacityProviderStrategy.length === 0 ? props.task.launchType : undefined,
          capacityProviderStrategy: props.capacityProviderStrategy.map((c) => ({ capacityProvider: c.provider, weight: c.weight, base: c.base })),
          networkConfiguration: props.network
            ? { subnets: props.network.subnetIds, securityGroups: props.network.securityGroupIds, assignPublicIp: false }
            : undefined,
        },
        retryPolicy: { maximumRetryAttempts: props.retries, maximumEventAgeInSeconds: props.maxEventAgeSeconds },
        deadLetterConfig: { arn: this.deadLetterQueue.arn },
      },
    });
  }
}
