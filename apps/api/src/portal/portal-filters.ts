import { statusTag } from './application-status-tags';
import { tight } from './tight-html';
import { instantDateTime, instantTime } from './wall-clock';

interface Choice {
  value: string;
  text: string;
}

/** Choices as govukRadios wants them, with the one chosen before checked again. */
function radioItems(choices: Choice[], selected: unknown): (Choice & { checked: boolean })[] {
  return choices.map((c) => ({ ...c, checked: c.value === selected }));
}

/** Choices as govukSelect wants them, after a first, empty one that says what to do. */
function selectItems(
  choices: Choice[],
  selected: unknown,
  prompt: string,
): { value: string; text: string; selected: boolean }[] {
  return [
    { value: '', text: prompt, selected: !selected },
    ...choices.map((c) => ({ ...c, selected: c.value === selected })),
  ];
}

/** The portal's Nunjucks filters, beside the register's presenters (money, dates, paragraphs), and times. */
export const PORTAL_FILTERS = {
  statusTag,
  radioItems,
  selectItems,
  instantDateTime,
  instantTime,
  tight,
} as const;
