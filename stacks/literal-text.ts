/**
 * Configuration text reaches Terraform as literal text, never as an expression.
 *
 * Two interpreters read every string on its way to AWS:
 *  - cdktf, while it resolves the stack, replaces token markers it finds in any string:
 *    `${TfToken[<key>]}` (a reference or expression; an unknown key crashes the synth),
 *    `#{TfToken[<key>]}` (a list token; crashes in a string), and the decimal form of an encoded
 *    number token (e.g. `-8.109562212591379e+298`, looked up and substituted or a crash);
 *  - Terraform evaluates every string in an expression position as a template: `${ … }`
 *    interpolates, `%{ … }` is a directive, `$${` and `%%{` are their escapes. In JSON syntax a
 *    few positions are literal instead: everything under `terraform` (backend settings), a
 *    variable's `default` and `description`, an output's `description` (measured with Terraform
 *    1.11: `"default": "$${x}"` stays `$${x}`, while `$${x}` in a local becomes `${x}`).
 *
 * Escaping `${` as `$${` before cdktf runs is not enough: cdktf still finds the marker in
 * `$${TfToken[…]}`. So configuration text is *encoded* before any construct sees it — the
 * characters either interpreter acts on become private-use sentinels, which neither recognises
 * and which keep the text's length — and the stack's JSON writer *decodes* the fully resolved
 * JSON: in template positions a `$` or `%` that would open a sequence is written escaped, in
 * literal positions the text is written as it was. Constructs only ever handle encoded text, so
 * none of them can forget to escape (see ./literal-stack.ts).
 */

const ESCAPE = "\uE000"; // a sentinel that occurred in the text itself, written ESCAPE + char
const DOLLAR = "\uE001";
const PERCENT = "\uE002";
/** `{` after `#` or `&` (cdktf's list and map token markers). */
const BRACE = "\uE003";
/** `e` of a number that cdktf would read as an encoded number token. */
const EXPONENT = "\uE004";
const SENTINELS = /[\uE000-\uE004]/;

/** cdktf's number-token pattern (cdktf/lib/tokens/private/encoding.js, NUMBER_TOKEN_REGEX). */
const NUMBER_TOKEN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;
/** Top 16 bits of the doubles cdktf encodes number (0xfdff) and number-list (0xfbff) tokens as. */
const TOKEN_DOUBLE_MARKERS = [0xfdff, 0xfbff];

function isTokenDouble(text: string): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, parseFloat(text));
  return TOKEN_DOUBLE_MARKERS.includes(view.getUint16(0));
}

/** Text from configuration, made inert for cdktf and Terraform (same length unless it held a sentinel). */
export function encodeLiteral(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (SENTINELS.test(c)) out += ESCAPE + c;
    else if (c === "$") out += DOLLAR;
    else if (c === "%") out += PERCENT;
    else if (c === "{" && (text[i - 1] === "#" || text[i - 1] === "&")) out += BRACE;
    else out += c;
  }
  // The exponent group starts with the `e` and runs to the end of the match.
  return out.replace(NUMBER_TOKEN, (match, exponent: string) =>
    isTokenDouble(match) ? `${match.slice(0, match.length - exponent.length)}${EXPONENT}${exponent.slice(1)}` : match,
  );
}

/**
 * Writes encoded text back out. `template`: the string is a Terraform template (any expression
 * position), so a `$` or `%` that would open `${` / `%{` is escaped; otherwise it is written as is.
 */
export function decodeLiteral(text: string, template: boolean): string {
  if (!SENTINELS.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === ESCAPE && next !== undefined) {
      out += next;
      i++;
    } else if (c === DOLLAR || c === PERCENT) {
      const char = c === DOLLAR ? "$" : "%";
      if (!template) out += char;
      // `${` / `%{` would open a sequence: `$${` / `%%{` is the literal text.
      else if (next === "{") out += char + char;
      // Just before a sequence the stack wrote (`${ref}`), a literal `$` must not turn it into `$${`.
      else if (next === char && text[i + 2] === "{") out += `\${"${char}"}`;
      else out += char;
    } else if (c === BRACE) out += "{";
    else if (c === EXPONENT) out += "e";
    else out += c;
  }
  return out;
}

/** Every string in `value` (settings: plain data), encoded; keys of maps included. */
export function encodeAll<T>(value: T): T {
  if (typeof value === "string") return encodeLiteral(value) as T;
  if (Array.isArray(value)) return value.map((item) => encodeAll(item)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [encodeLiteral(key), encodeAll(item)])) as T;
  }
  return value;
}

/** Whether the string at `path` of a Terraform JSON document is literal rather than a template. */
function isLiteralPosition(path: readonly string[]): boolean {
  const [block, , attribute] = path;
  if (block === "terraform" || block === "//") return true;
  if (block === "variable") return path.length >= 3 && attribute !== "validation";
  if (block === "output") return attribute === "description";
  return false;
}

/** The resolved Terraform JSON of a stack with every encoded string decoded for its position. */
export function decodeTerraformJson(node: unknown, path: readonly string[] = []): unknown {
  if (typeof node === "string") return decodeLiteral(node, !isLiteralPosition(path));
  if (Array.isArray(node)) return node.map((item) => decodeTerraformJson(item, path));
  if (node !== null && typeof node === "object") {
    const template = !isLiteralPosition(path);
    return Object.fromEntries(
      Object.entries(node).map(([key, item]) => [decodeLiteral(key, template && path.length > 0), decodeTerraformJson(item, [...path, key])]),
    );
  }
  return node;
}
