import { escapeHtml, html, joinHtml, SafeHtml } from './html';

describe('html', () => {
  it('escapes every interpolated value', () => {
    expect(html`<p title="${'"x"'}">${"<script>alert(1)</script> & 'q'"}</p>`.value).toBe(
      '<p title="&quot;x&quot;">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;q&#39;</p>',
    );
  });

  it('keeps nested fragments, joins arrays and drops empty values', () => {
    const items = ['a<', 'b'].map((s) => html`<li>${s}</li>`);
    // (Prettier lays out html`` templates; whitespace between tags does not matter.)
    const out = html`<ul>
        ${items}
      </ul>
      ${null}${undefined}${false}${0}`.value;
    expect(out.replace(/>\s+/g, '>').replace(/\s+</g, '<').replace(/\s+0$/, '0')).toBe('<ul><li>a&lt;</li><li>b</li></ul>0');
    expect(joinHtml([html`<b>1</b>`, new SafeHtml('<i>2</i>')], ' ').value).toBe('<b>1</b> <i>2</i>');
  });

  it('escapes null as empty text', () => {
    expect(escapeHtml(null)).toBe('');
  });
});
