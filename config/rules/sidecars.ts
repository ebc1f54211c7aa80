/** Rules of sidecars and container dependencies: names, images, dependsOn, and that they fit the task. */
import { FIRELENS_CONTAINER } from "../resolve/service";
import type { ServiceSettings } from "../settings";
import { stackRule } from "./rule";

/** The containers of a task: name → (essential, has a health check, path of its dependsOn). */
function containersOf(s: ServiceSettings) {
  const list = [
    { name: s.names.container, essential: true, healthCheck: s.containerHealthCheck !== undefined, path: `services.${s.key}.dependsOn`, dependsOn: s.dependsOn },
    ...(s.firelens ? [{ name: FIRELENS_CONTAINER, essential: true, healthCheck: false, path: `services.${s.key}.firelens`, dependsOn: [] }] : []),
    ...s.sidecars.map((c) => ({ name: c.name, essential: c.essential, healthCheck: c.healthCheck !== undefined, path: `services.${s.key}.sidecars.${c.name}.dependsOn`, dependsOn: c.dependsOn })),
  ];
  return new Map(list.map((c) => [c.name, c]));
}

export const sidecarNames = stackRule("sidecar-names", "A sidecar's name is not the main container's or the log router's; its repository is a service's.", ({ config, services }, report) => {
  for (const s of services) {
    for (const c of s.sidecars) {
      const path = `services.${s.key}.sidecars.${c.name}`;
      if (c.name === s.names.container) report(path, c.name, `must differ from the main container's name (${s.names.container})`);
      if (c.name === FIRELENS_CONTAINER && s.firelens) report(path, c.name, `${FIRELENS_CONTAINER} is the FireLens router's name; choose another`);
      if ("repository" in c.image && !Object.hasOwn(config.services, c.image.repository)) {
        report(`${path}.image.repository`, c.image.repository, `must be a service key whose ECR repository to use (defined: ${Object.keys(config.services).join(", ")})`);
      }
      for (const secret of c.secrets) {
        if (secret.kind === "parameter" && !Object.hasOwn(config.parameters, secret.parameterKey)) {
          report(`${path}.secrets.${secret.envName}.parameter`, secret.parameterKey, `must be a key of parameters (declared: ${Object.keys(config.parameters).join(", ") || "none"})`);
        }
      }
    }
  }
});

export const containerDependencies = stackRule("container-dependencies", "dependsOn names containers of the task, without cycles, with conditions they can meet.", ({ services }, report) => {
  for (const s of services) {
    const containers = containersOf(s);
    for (const c of containers.values()) {
      c.dependsOn.forEach((d, i) => {
        const path = `${c.path}[${i}]`;
        const target = containers.get(d.container);
        if (!target) return report(`${path}.container`, d.container, `must be a container of this task (${[...containers.keys()].join(", ")})`);
        if (d.condition === "HEALTHY" && !target.healthCheck) report(`${path}.condition`, "HEALTHY", `container ${d.container} has no health check; give it one or use START`);
        if ((d.condition === "COMPLETE" || d.condition === "SUCCESS") && target.essential) {
          report(`${path}.condition`, d.condition, `container ${d.container} is essential, so the task stops when it exits; make it essential: false or use START/HEALTHY`);
        }
      });
    }
    const cycle = findCycle(containers);
    if (cycle) report(containers.get(cycle[0])!.path, cycle.join(" → "), "must not form a cycle: ECS could start none of these containers");
  }
});

function findCycle(containers: Map<string, { dependsOn: readonly { container: string }[] }>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]): string[] | undefined => {
    if (state.get(name) === "done") return undefined;
    if (state.get(name) === "visiting") return [...trail.slice(trail.indexOf(name)), name];
    state.set(name, "visiting");
    for (const d of containers.get(name)?.dependsOn ?? []) {
      if (!containers.has(d.container)) continue;
      const found = visit(d.container, [...trail, name]);
      if (found) return found;
    }
    state.set(name, "done");
    return undefined;
  };
  for (const name of containers.keys()) {
    const found = visit(name, []);
    if (found) return found;
  }
  return undefined;
}

/** The router reserves 50 MiB (stacks/service-props.ts). */
const ROUTER_MEMORY = 50;

export const sidecarsFitTask = stackRule("sidecars-fit-task", "Sidecars' CPU and memory reservations leave room for the main container.", ({ services }, report) => {
  for (const s of services) {
    if (s.sidecars.length === 0) continue;
    const path = `services.${s.key}.sidecars`;
    const cpu = s.sidecars.reduce((sum, c) => sum + c.cpu, 0);
    const memory = s.sidecars.reduce((sum, c) => sum + Math.max(c.memoryReservation ?? 0, c.memory ?? 0), s.firelens ? ROUTER_MEMORY : 0);
    if (cpu >= s.cpu) report(path, `${cpu} CPU units`, `the sidecars reserve ${cpu} of the task's ${s.cpu} CPU units, leaving nothing for the main container; at most ${s.cpu - 1} together`);
    if (memory >= s.memory) report(path, `${memory} MiB`, `the sidecars${s.firelens ? " and the log router" : ""} reserve ${memory} of the task's ${s.memory} MiB, leaving nothing for the main container; below ${s.memory} together`);
    for (const c of s.sidecars) {
      if (c.memory !== undefined && c.memoryReservation !== undefined && c.memory < c.memoryReservation) {
        report(`${path}.${c.name}.memory`, c.memory, `must be ≥ memoryReservation (${c.memoryReservation})`);
      }
    }
  }
});
