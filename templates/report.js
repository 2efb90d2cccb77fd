(function () {
  'use strict';

  // Open every <details> around the element a link points at (cluster details, tree nodes).
  function revealHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === 'DETAILS') node.open = true;
    }
    target.scrollIntoView({ block: 'start' });
  }
  window.addEventListener('hashchange', revealHash);
  revealHash();

  // Tree: expand / collapse all.
  function setTree(open) {
    var nodes = document.querySelectorAll('#cluster-tree details');
    for (var i = 0; i < nodes.length; i++) nodes[i].open = open;
  }
  var expand = document.getElementById('tree-expand');
  var collapse = document.getElementById('tree-collapse');
  if (expand) expand.addEventListener('click', function () { setTree(true); });
  if (collapse) collapse.addEventListener('click', function () { setTree(false); });

  // Table: click a column header to sort (numbers: largest first; text: A–Z; click again to reverse).
  var table = document.getElementById('cluster-table');
  if (table) {
    var body = table.tBodies[0];
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      var type = th.getAttribute('data-sort');
      var button = th.querySelector('button');
      if (!type || !button) return;
      button.addEventListener('click', function () {
        var current = th.getAttribute('aria-sort');
        var descending = current === 'none' ? type === 'number' : current === 'ascending';
        Array.prototype.forEach.call(headers, function (other) { if (other.hasAttribute('data-sort')) other.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var raw = row.cells[column].getAttribute('data-v');
          if (type === 'number') return raw === '' || raw === null ? null : Number(raw);
          return (raw || '').toLowerCase();
        };
        rows.sort(function (a, b) {
          var x = key(a);
          var y = key(b);
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
          var order = x < y ? -1 : x > y ? 1 : 0;
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    // Filter by text and level.
    var filter = document.getElementById('cluster-filter');
    var level = document.getElementById('level-filter');
    var shown = document.getElementById('filter-count');
    var applyFilter = function () {
      var text = (filter.value || '').trim().toLowerCase();
      var wanted = level.value;
      var visible = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var match = (!text || row.getAttribute('data-search').indexOf(text) !== -1) && (!wanted || row.getAttribute('data-level') === wanted);
        row.hidden = !match;
        if (match) visible++;
      });
      shown.textContent = visible + ' of ' + body.rows.length + ' clusters';
    };
    filter.addEventListener('input', applyFilter);
    level.addEventListener('change', applyFilter);
    applyFilter();
  }

  // Map: recolour the bubbles for the chosen classifier and rate (colours precomputed per mark).
  var metric = document.getElementById('map-metric');
  if (metric) {
    metric.addEventListener('change', function () {
      var index = Number(metric.value);
      var marks = document.querySelectorAll('#cluster-map circle[data-colours]');
      for (var i = 0; i < marks.length; i++) {
        var colour = marks[i].getAttribute('data-colours').split(',')[index];
        if (colour) marks[i].setAttribute('fill', colour);
      }
    });
  }
})();
