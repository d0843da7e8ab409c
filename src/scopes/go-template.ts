/**
 * The first line holding Go template syntax (`{{`) where YAML would not: at the start of a line
 * or as (the start of) a value. Checked before parsing, so that a template file is reported once
 * instead of once per syntax error. `{{` inside a quoted string in the middle of a value (an
 * annotation holding a template for another tool) is not flagged.
 */
export function goTemplateLine(content: string): number | undefined {
  if (!content.includes("{{")) return undefined;
  const lines = content.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trimStart();
    if (line.startsWith("#")) continue;
    if (TEMPLATE_AT_START.test(line) || TEMPLATE_AS_VALUE.test(line)) return i + 1;
  }
  return undefined;
}

const TEMPLATE_AT_START = /^(?:-\s+)?["']?\{\{/;
const TEMPLATE_AS_VALUE = /^(?:-\s+)?[^\s#"'{][^:#]*:\s+["']?\{\{/;

export function goTemplateMessage(file: string, line: number): string {
  return `not analysed: ${file} holds Go template syntax (line ${line}); render it first and review the output`;
}
