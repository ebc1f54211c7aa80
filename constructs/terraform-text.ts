/**
 * Terraform treats `${` and `%{` inside any string as template syntax. Text that comes from
 * configuration (environment values, literals) is escaped so it reaches AWS verbatim.
 */
export function escapeTerraformTemplate(text: string): string {
  return text.replace(/\$\{/g, "$$${").replace(/%\{/g, "%%{");
}
