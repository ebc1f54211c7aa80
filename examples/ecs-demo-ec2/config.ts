/**
 * Seed tutorial 003 — "AWS | Deep Dive into ECS: Part 1": the sample Java web app (webapp-runner,
 * Tomcat) from the ECR repository `ecs-demo`, on the EC2 launch type with bridge networking, the
 * container's 8080 published on host port 8081 — the tutorial's `docker run -p 8081:8080`.
 *
 * Synthesize: ECS_PLATFORM_CONFIG=examples/ecs-demo-ec2/config.ts npm run synth
 *   → cdktf.out/stacks/demo-app-dev/cdk.tf.json (see examples/README.md).
 *
 * What the platform does instead of the tutorial's console steps, and why:
 * - "EC2 Linux + Networking" cluster wizard → `ec2Capacity`: an Auto Scaling group from a launch
 *   template whose AMI is the public SSM parameter of the ECS-optimized Amazon Linux AMI, an
 *   instance role with AmazonEC2ContainerServiceforEC2Role (+ AmazonSSMManagedInstanceCore) and
 *   its instance profile (the tutorial's "ecsInstanceRole"), and a capacity provider with managed
 *   scaling and termination protection.
 * - "Enable the Public IP", "port 22 from my IP", key pair → instances in private subnets without
 *   public IPs, no SSH, administration through Session Manager (`aws ssm start-session`), which
 *   needs no open port and is logged. `docker ps` works the same there.
 * - "Select none in load balancer" and port 8081 open on the instances → the platform puts its ALB
 *   in front: a single service without `routing` becomes the listener's default action, with an
 *   instance-type target group on host port 8081, and only the ALB may reach 8081. The app is
 *   then at http://<alb dns name>/ instead of http://<instance public ip>:8081/.
 * - "default VPC" → a VPC of its own with public subnets (ALB, NAT) and private ones (instances).
 */
import { defineApp } from "../../config";

export default defineApp({
  // Not "ecs-demo": the platform names the capacity provider `<app>-<env>-ec2`, and ECS rejects
  // capacity provider names starting with "ecs", "aws" or "fargate" (see examples/README.md).
  // "demo-app" is the prefix of the tutorial's security group, demo-app-ecs-cluster.
  app: "demo-app",
  services: {
    web: {
      capacity: "ec2",
      networkMode: "bridge",
      containerPort: 8080, // "8080: Container port, on which app is running inside container"
      hostPort: 8081, // "8081: Host port, through which we will access the app"
      // The tutorial leaves the soft/hard limits at their defaults. A JVM with Tomcat fits in
      // 1 GiB; 512 CPU units is a quarter of a t3.small. With a fixed host port only one task fits
      // per instance, so a rolling deployment (min 100 % / max 200 %) needs a second instance,
      // which managed scaling adds (maxSize 2 below) and removes afterwards.
      cpu: 512,
      memory: 1024,
      repository: { name: "ecs-demo" },
      // "It is recommended to keep the tag latest": the variable's default is "latest", but
      // deployments should pass an explicit tag (the tutorial's `ecs-demo:1`):
      //   -var image_tag_web=1
      imageTag: "latest",
      healthCheck: { path: "/" }, // the app's index.jsp
      // "Replica" service with a fixed number of tasks, no autoscaling ("Do not adjust").
      desiredCount: 1,
      autoscaling: { enabled: false },
    },
  },
  environments: {
    // A learning demo, not production: single NAT gateway, no deletion protection.
    dev: {
      // The tutorial never names its region ("in the required region"); us-east-1 here.
      region: "us-east-1",
      allowedAccountIds: ["123456789012"], // placeholder
      state: { bucket: "demo-app-terraform-state-123456789012" }, // placeholder
      network: { azCount: 2 }, // "Select at least two availability zones"
      ec2Capacity: {
        instanceType: "t3.small", // "as per our requirements": 2 vCPU / 2 GiB
        minSize: 1,
        maxSize: 2,
        rootVolumeSize: 30, // "EBS Volume Size: A minimum of 30 GB is required"
        targetCapacity: 100,
        // Amazon Linux 2023 ECS-optimized AMI (the platform default), the successor of the
        // Amazon Linux 2 AMI the 2023 console wizard picked.
        amiParameter: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
        // If SSH is really needed, allow one admin address (never 0.0.0.0/0) and a key pair:
        // sshCidr: "203.0.113.10/32",
        // keyName: "demo-app-admin",
      },
    },
  },
});
