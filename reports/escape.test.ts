import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeHtml, jsonForScript } from './escape.js';

test('scenario text is escaped into the report as text', () => {
  assert.is(escapeHtml(`<script>alert("x" & 'y')</script>`), '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
});

test('JSON placed inside a <script> cannot close it', () => {
  const json = jsonForScript({ name: '</script><script>alert(1)</script>' });
  assert.not.match(json, /<\/script/i);
  assert.equal(JSON.parse(json), { name: '</script><script>alert(1)</script>' });
});

test.run();
