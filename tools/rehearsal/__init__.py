"""The rehearsal (`npm run rehearse`): the synthesized stacks through the real Terraform CLI and
AWS provider against moto, a local AWS emulator: init, plan, apply, re-plan (must show no changes),
check the emulator's view of the key resources, destroy, check that nothing is left. See
docs/rehearsal.md.

Modules, in the order a run uses them:
  cli        arguments, synthesis, stack selection, summary
  stack      one stack's cycle: seed, Terraform steps, checks, always destroy
  fence      the outbound proxy that refuses everything not for 127.0.0.1; the sanitized environment
  emulator   one moto server per stack (and the server process itself)
  overrides  the rehearsal-only override files and the endpoint / emulator-gap inventory
  targets    which resources are applied (emulator gaps and their dependents left out)
  terraform  the Terraform CLI runner
  checks     boto3 checks after apply and after destroy

Nothing here can reach AWS:
  * the stacks are synthesized into a scratch directory and copied; only the copy gets
    `rehearsal_override.tf.json`, which points every endpoint the provider and the S3 backend use
    at moto on 127.0.0.1, with dummy credentials;
  * every resource and data source type must be listed in overrides.TYPE_ENDPOINTS (else the
    rehearsal stops before Terraform runs), so a new type cannot silently use an endpoint that is
    not overridden;
  * Terraform, the provider and boto3 run with HTTP(S)_PROXY set to a local "fence" that refuses
    and records every request that is not for 127.0.0.1 (loopback is never proxied), so a missed
    endpoint fails loudly instead of leaving the machine (its one exception: S3 Control's
    `<account>.127.0.0.1:<moto port>` host, forwarded to moto);
  * AWS_* variables of the caller are dropped; credentials and config files point at empty files,
    HOME at a scratch directory, and the EC2 metadata service is disabled.
"""
