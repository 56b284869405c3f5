// The history page's only script: it fills #detail from the embedded data when a mark is chosen;
// text goes in through textContent only. Everything else on the page is drawn without it.
export const SCRIPT = `
(function () {
  var entries = JSON.parse(document.getElementById('timeline-data').textContent);
  var detail = document.getElementById('detail');
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function show(v) { return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 1); }
  function open(index, button) {
    var e = entries[index];
    detail.textContent = '';
    detail.appendChild(el('h2', null, e.resourceType + ' ' + e.resourceId));
    detail.appendChild(el('p', 'meta', e.time.replace('T', ' ').replace(/\\.\\d+Z$/, 'Z') + ' · ' + e.kind + ' · status ' + e.status));
    if (e.flips.length) {
      var ul = el('ul', 'flips');
      e.flips.forEach(function (f) {
        ul.appendChild(el('li', 'to-' + f.to, f.rule + ' became ' + f.to + ' (was ' + f.from + ')' + (f.annotation ? ': ' + f.annotation : '')));
      });
      detail.appendChild(ul);
    }
    if (e.changes.length) {
      var table = el('table', 'diff');
      var head = el('tr');
      ['', 'field', 'before', 'after'].forEach(function (h) { head.appendChild(el('th', null, h)); });
      table.appendChild(head);
      e.changes.forEach(function (c) {
        var tr = el('tr', 'op-' + c.op);
        tr.appendChild(el('td', 'op', c.op));
        tr.appendChild(el('td', 'path', c.path));
        tr.appendChild(el('td', 'value old', show(c.old)));
        tr.appendChild(el('td', 'value new', show(c.new)));
        table.appendChild(tr);
      });
      detail.appendChild(table);
    } else {
      detail.appendChild(el('p', 'hint', e.kind === 'discovered' ? 'First recorded configuration: nothing to compare with.' : 'No field changes.'));
    }
    var names = Object.keys(e.verdicts);
    if (names.length) {
      var p = el('p', 'verdicts', 'Verdicts after this change: ');
      names.forEach(function (r, i) {
        p.appendChild(el('code', null, r + ' ' + e.verdicts[r].complianceType));
        if (i < names.length - 1) p.appendChild(document.createTextNode(', '));
      });
      detail.appendChild(p);
    }
    e.errors.forEach(function (x) { detail.appendChild(el('p', 'hint', x.rule + ' could not evaluate: ' + x.message)); });
    Array.prototype.forEach.call(document.querySelectorAll('.mark[aria-pressed]'), function (m) { m.setAttribute('aria-pressed', 'false'); });
    if (button) button.setAttribute('aria-pressed', 'true');
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.mark[data-entry]'), function (b) {
    b.addEventListener('click', function () { open(Number(b.getAttribute('data-entry')), b); });
  });
})();
`;
