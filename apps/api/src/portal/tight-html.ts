import nunjucks from 'nunjucks';

/** A textarea keeps its text exactly as it is: there, whitespace is what was typed. */
const TEXTAREA = /(<textarea\b[^>]*>[\s\S]*?<\/textarea>)/i;

/**
 * A block of markup with its indentation taken out: govuk-frontend's macros indent every line, and a long
 * form (a round's criteria and conditions, repeated) is a third whitespace on the wire, since pages are
 * not compressed. A run of whitespace with a line break in it becomes one line break, which HTML reads
 * exactly as it read the run (as one space, or nothing between blocks). Textareas are left as they are.
 * Only for markup whose attributes hold no line breaks (the portal's own pages: inputs are single lines).
 */
export function tight(html: unknown): nunjucks.runtime.SafeString {
  const parts = String(html ?? '').split(TEXTAREA);
  return new nunjucks.runtime.SafeString(
    parts.map((part, i) => (i % 2 === 1 ? part : part.replace(/[ \t\r]*\n\s*/g, '\n'))).join(''),
  );
}
