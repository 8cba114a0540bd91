import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { tight } from './tight-html';

describe('tight markup', () => {
  it('takes the indentation out, keeping one line break where a run of whitespace had one', () => {
    expect(
      String(tight('<div>\n    <label>\n      Title\n    </label>\n\n  <a>x</a> <a>y</a>\n</div>')),
    ).toBe('<div>\n<label>\nTitle\n</label>\n<a>x</a> <a>y</a>\n</div>');
  });

  it('leaves what a textarea holds exactly as it was', () => {
    const area = '<textarea id="a" name="a">first line\n\n  indented &lt;b&gt;\n</textarea>';
    expect(String(tight(`<div>\n  ${area}\n  <TEXTAREA>\n  x</TEXTAREA>\n</div>`))).toBe(
      `<div>\n${area}\n<TEXTAREA>\n  x</TEXTAREA>\n</div>`,
    );
  });

  it('keeps what the block escaped escaped, without escaping it twice', () => {
    const env = new nunjucks.Environment(null, { autoescape: true });
    env.addFilter('tight', tight);
    expect(env.renderString('{% filter tight %}<p>\n  {{ x }}\n</p>{% endfilter %}', { x: '<b>&' })).toBe(
      '<p>\n&lt;b&gt;&amp;\n</p>',
    );
  });
});
