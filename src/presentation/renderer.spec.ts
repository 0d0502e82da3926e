import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnvironment } from '../config/environment';
import { SiteAssets } from './assets';
import { createEta, PageRenderer } from './renderer';

describe('PageRenderer', () => {
  const renderer = new PageRenderer(validateEnvironment({}), new SiteAssets());
  let views: string;

  beforeAll(() => {
    // A module's own views folder, as the dashboard and the subscription pages have.
    views = mkdtempSync(join(tmpdir(), 'page-views-'));
    writeFileSync(
      join(views, 'confirm.eta'),
      `<% layout('@layout') %>
<% block('main', () => { %><h1><%= it.title %></h1><p><%= it.email %></p><%~ include('@status', { status: 'interim' }) %><% }) %>`,
    );
    writeFileSync(join(views, 'plain.eta'), `<% layout('@layout') %>\n<h1><%= it.title %></h1>`);
    writeFileSync(join(views, 'escape.eta'), `<p title="<%= it.attr %>"><%= it.text %></p>`);
  });
  afterAll(() => rmSync(views, { recursive: true, force: true }));

  it("renders another module's template inside the layout, escaping its data", () => {
    const html = renderer.render(
      'confirm',
      { title: 'Confirm <you>', section: 'subscribe', email: 'a<b>@example.org' },
      { views },
    );
    expect(html).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(html).toContain('<title>Confirm &lt;you&gt; · Reform Tracker</title>');
    expect(html).toMatch(/<main id="main" class="wrap" tabindex="-1">\s*<h1>Confirm &lt;you&gt;<\/h1>/);
    expect(html).toContain('<p>a&lt;b&gt;@example.org</p>');
    expect(html).toContain('<span class="status status--interim">Interim measure in force</span>');
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/dashboard\.css\?v=[\w-]+">/);
  });

  it('marks the current section in the navigation', () => {
    const html = renderer.render('plain', { title: 'Page not found', section: 'overview' }, { views });
    expect(html).toContain('<a href="/" aria-current="page">Overview</a>');
    expect(html).toContain('<h1>Page not found</h1>');
  });

  it('escapes every interpolated value, in text and in attributes (createEta, shared by the emails)', () => {
    const eta = createEta(views);
    expect(eta.render('escape', { attr: '"x"', text: "<script>alert(1)</script> & 'q'" })).toBe(
      '<p title="&quot;x&quot;">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;q&#39;</p>',
    );
  });
});
