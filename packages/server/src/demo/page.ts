/**
 * The demo's "events stored" view. Event fields are visitor-controlled, so the script renders them with
 * textContent only; the strict CSP (nonce, no external sources) is a second fence if that ever slips.
 * Long because: one HTML document (markup, style, script) in a single template literal.
 */
export function demoPage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>matbakh – stored events</title>
<style nonce="${nonce}">
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; background: #fafafa; }
  h1 { font-size: 1.25rem; margin: 0 0 .75rem; }
  form { display: flex; gap: .5rem; align-items: center; margin-bottom: 1rem; flex-wrap: wrap; }
  input { font: inherit; padding: .25rem .5rem; min-width: 18rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: start; padding: .35rem .5rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
  th { background: #f0f0f0; position: sticky; top: 0; }
  td.json { font-family: ui-monospace, monospace; font-size: 12px; max-width: 40rem; overflow-wrap: anywhere; }
  #status { color: #555; }
  #status.error { color: #b00020; }
</style>
</head>
<body>
<h1>Stored events</h1>
<form id="form">
  <label for="key">Write key</label>
  <input id="key" name="writeKey" autocomplete="off" spellcheck="false">
  <span id="status" role="status" aria-live="polite"></span>
</form>
<table>
  <thead><tr><th>received</th><th>type</th><th>event / name</th><th>user</th><th>session</th><th>data</th></tr></thead>
  <tbody id="rows"></tbody>
</table>
<script nonce="${nonce}">
  const params = new URLSearchParams(location.search);
  const key = document.getElementById('key');
  const rows = document.getElementById('rows');
  const status = document.getElementById('status');
  key.value = params.get('writeKey') || 'pk_demo_partner_site';
  document.getElementById('form').addEventListener('submit', (e) => { e.preventDefault(); poll(); });

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (className) td.className = className;
    return td;
  }

  function render(events) {
    const fragment = document.createDocumentFragment();
    for (const ev of events) {
      const tr = document.createElement('tr');
      const data = ev.properties || ev.traits || (ev.groupId ? { groupId: ev.groupId } : ev.previousId ? { previousId: ev.previousId } : {});
      tr.append(
        cell(new Date(ev.receivedAt).toLocaleTimeString()),
        cell(ev.type),
        cell(ev.event || ev.name || ''),
        cell(ev.userId || ev.anonymousId),
        cell(ev.sessionId),
        cell(JSON.stringify(data), 'json'),
      );
      fragment.append(tr);
    }
    rows.replaceChildren(fragment);
  }

  async function poll() {
    try {
      const res = await fetch('/v1/demo/events?limit=50&writeKey=' + encodeURIComponent(key.value.trim()));
      const body = await res.json();
      if (!res.ok) throw new Error(body && body.error ? body.error.message : 'HTTP ' + res.status);
      render(body.events);
      status.className = '';
      status.textContent = body.events.length + ' events, updated ' + new Date().toLocaleTimeString();
    } catch (err) {
      status.className = 'error';
      status.textContent = String(err.message || err);
    }
  }

  poll();
  setInterval(poll, 2000);
</script>
</body>
</html>
`;
}
