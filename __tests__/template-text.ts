/** How Terraform reads a string in a template position, for tests of what reaches it. */

/** The `${…}` interpolations and `%{…}` directives Terraform would evaluate in `text` (escapes skipped). */
export function liveSequences(text: string): string[] {
  const live: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      i += 2;
    } else if (text.startsWith("${", i) || text.startsWith("%{", i)) {
      let depth = 0;
      let end = i + 1;
      for (; end < text.length; end++) {
        if (text[end] === "{") depth++;
        else if (text[end] === "}" && --depth === 0) break;
      }
      live.push(text.slice(i, end + 1));
      i = end;
    }
  }
  return live;
}

/** The text Terraform makes of a template that holds only escapes and `${"$"}` / `${"%"}` literals. */
export function unescapeTemplate(text: string): string {
  return text.replace(/\$\$\{|%%\{|\$\{"([$%])"\}/g, (match, literal?: string) => literal ?? match.slice(1));
}
