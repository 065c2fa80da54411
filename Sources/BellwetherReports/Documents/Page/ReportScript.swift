/// The page's one inline script: search, sort and the rating filter of the all-seats table, and a
/// self-test for the browser check (`Tests/Browser/check-report.sh`).
///
/// The page works without it: the table is complete and in margin order in the HTML, and the
/// controls stay `hidden` until the script shows them. It loads nothing. Opened with the fragment
/// `#selftest`, the page exercises its own controls after loading (search filters rows, each sort
/// reorders them, the rating filter keeps only its class), opens every data table and measures the
/// layout (no sideways scroll of the page; no chart or table frame wider than the window or
/// scrolling sideways inside itself; each figure showing one chart, whose text renders at 12 CSS
/// pixels or more and, unless rotated, lies inside the chart) and collects script errors, then
/// writes `SELFTEST PASS` or `SELFTEST FAIL: ...` into `#selftest-result` (and posts it to the parent
/// window when framed), which headless Chromium's `--dump-dom` reads back.
enum ReportScript {
  /// Catches script errors from the start, for the self-test (the first script of the page).
  static let errorTrap = "window.bwErrors = []; window.addEventListener('error', function (e) { window.bwErrors.push(String(e.message)); });"

  static let source = #"""
    (function () {
      'use strict';
      var table = document.getElementById('seat-table');
      document.documentElement.classList.add('js');
      if (!table) { return; }
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var search = document.getElementById('seat-search');
      var rating = document.getElementById('seat-rating');
      var count = document.getElementById('seat-count');
      document.getElementById('seat-controls').hidden = false;
      var state = { key: null, descending: false };

      function value(row, key) {
        var v = row.getAttribute('data-' + key);
        return key === 'id' || key === 'inc' ? v : parseFloat(v);
      }
      function apply() {
        var q = search.value.trim().toLowerCase();
        var r = rating.value;
        var shown = 0;
        rows.forEach(function (row) {
          var ok = (!q || row.getAttribute('data-text').indexOf(q) >= 0) && (!r || row.getAttribute('data-rating') === r);
          row.hidden = !ok;
          if (ok) { shown += 1; }
        });
        count.textContent = 'Showing ' + shown + ' of ' + rows.length + ' seats';
      }
      function sortBy(key, descending) {
        state.key = key; state.descending = descending;
        var sorted = rows.slice().sort(function (a, b) {
          var x = value(a, key), y = value(b, key);
          var c = x < y ? -1 : x > y ? 1 : 0;
          if (c === 0) { c = value(a, 'rank') - value(b, 'rank'); return c; }
          return descending ? -c : c;
        });
        sorted.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(table.tHead.querySelectorAll('th'), function (th) {
          var button = th.querySelector('button');
          if (!button) { return; }
          th.setAttribute('aria-sort', button.getAttribute('data-key') === key ? (descending ? 'descending' : 'ascending') : 'none');
        });
      }
      Array.prototype.forEach.call(table.tHead.querySelectorAll('button[data-key]'), function (button) {
        button.addEventListener('click', function () {
          var key = button.getAttribute('data-key');
          sortBy(key, state.key === key ? !state.descending : button.getAttribute('data-first') === 'descending');
        });
      });
      search.addEventListener('input', apply);
      rating.addEventListener('change', apply);
      apply();

      if (location.hash !== '#selftest') { return; }
      var problems = [];
      function check(ok, what) { if (!ok) { problems.push(what); } }
      function visible() { return Array.prototype.filter.call(body.rows, function (row) { return !row.hidden; }); }
      // Search: the first seat's id keeps that seat and fewer than all.
      var first = rows[0].getAttribute('data-id');
      search.value = first; apply();
      var found = visible();
      check(found.length >= 1 && found.length < rows.length, 'search "' + first + '" shows ' + found.length + ' of ' + rows.length);
      check(found.every(function (row) { return row.getAttribute('data-text').indexOf(first.toLowerCase()) >= 0; }), 'search shows a row without "' + first + '"');
      search.value = ''; apply();
      check(visible().length === rows.length, 'clearing the search does not show every row');
      // Sort: every sortable column, both ways, orders the rows by its key; some sort changes the order.
      var initial = rows.map(function (row) { return row.getAttribute('data-id'); }).join();
      var reordered = false;
      Array.prototype.forEach.call(table.tHead.querySelectorAll('button[data-key]'), function (button) {
        var key = button.getAttribute('data-key');
        for (var pass = 0; pass < 2; pass++) {
          button.click();
          var descending = state.descending;
          var order = Array.prototype.map.call(body.rows, function (row) { return value(row, key); });
          var sorted = order.every(function (v, i) { return i === 0 || (descending ? order[i - 1] >= v : order[i - 1] <= v); });
          check(sorted, 'sort by ' + key + (descending ? ' descending' : ' ascending') + ' leaves the rows out of order');
          check(button.parentNode.getAttribute('aria-sort') === (descending ? 'descending' : 'ascending'), 'aria-sort not set for ' + key);
          var now = Array.prototype.map.call(body.rows, function (row) { return row.getAttribute('data-id'); }).join();
          if (now !== initial) { reordered = true; }
        }
      });
      check(reordered, 'no sort reordered the rows');
      sortBy('rank', false);
      // Rating filter: each class keeps only its seats.
      Array.prototype.forEach.call(rating.options, function (option) {
        if (!option.value) { return; }
        rating.value = option.value; apply();
        check(visible().every(function (row) { return row.getAttribute('data-rating') === option.value; }), 'filter ' + option.value + ' shows other seats');
      });
      rating.value = ''; apply();
      // Layout, with every data table opened: no sideways scroll of the page; no chart or table
      // frame wider than the window or scrolling sideways inside itself; every figure shows one
      // chart; chart text at least 12 px as rendered.
      var root = document.documentElement;
      var closed = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
      closed.forEach(function (d) { d.open = true; });
      check(root.scrollWidth <= window.innerWidth, 'the page is ' + root.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window');
      function where(el) {
        var section = el.closest('section');
        var caption = el.querySelector('caption');
        return (section ? '#' + section.id : 'page') + ' ' + el.className + (caption ? ' "' + caption.textContent.slice(0, 40) + '"' : '');
      }
      var frames = 0;
      Array.prototype.forEach.call(document.querySelectorAll('.chart, .table-frame'), function (frame) {
        var box = frame.getBoundingClientRect();
        if (box.width === 0) { return; }
        frames += 1;
        check(box.left >= -0.5 && box.right <= window.innerWidth + 0.5,
              where(frame) + ' spans ' + box.left.toFixed(0) + '-' + box.right.toFixed(0) + ' px in a ' + window.innerWidth + ' px window');
        check(frame.scrollWidth <= frame.clientWidth, where(frame) + ' scrolls sideways: ' + frame.scrollWidth + ' px in ' + frame.clientWidth);
      });
      var smallest = Infinity, charts = 0, tiny = [], cut = [];
      Array.prototype.forEach.call(document.querySelectorAll('figure'), function (figure) {
        var shown = Array.prototype.filter.call(figure.querySelectorAll('svg'), function (svg) { return svg.getBoundingClientRect().width > 0; });
        check(shown.length === 1, where(figure) + ' shows ' + shown.length + ' charts');
        shown.forEach(function (svg) {
          charts += 1;
          var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          Array.prototype.forEach.call(svg.querySelectorAll('text'), function (t) {
            var size = parseFloat(getComputedStyle(t).fontSize) * scale;
            if (size < 12) { tiny.push(where(figure) + ' "' + t.textContent.slice(0, 30) + '" ' + size.toFixed(1) + ' px'); }
            // Unrotated text must lie inside the chart (SVG clips what crosses its edge).
            if (!t.hasAttribute('transform')) {
              var b = t.getBBox();
              if (b.x < -0.5 || b.x + b.width > svg.viewBox.baseVal.width + 0.5) {
                cut.push(where(figure) + ' "' + t.textContent.slice(0, 30) + '" at ' + b.x.toFixed(0) + '-' + (b.x + b.width).toFixed(0));
              }
            }
            smallest = Math.min(smallest, size);
          });
        });
      });
      check(tiny.length === 0, tiny.length + ' chart texts render under 12 px: ' + tiny.slice(0, 5).join('; '));
      check(cut.length === 0, cut.length + ' chart texts cross the chart edge: ' + cut.slice(0, 5).join('; '));
      check(charts > 0, 'no chart is shown');
      closed.forEach(function (d) { d.open = false; });
      check(window.bwErrors.length === 0, 'script errors: ' + window.bwErrors.join('; '));
      var out = document.getElementById('selftest-result');
      out.textContent = problems.length ? 'SELFTEST FAIL: ' + problems.join(' | ')
        : 'SELFTEST PASS rows=' + rows.length + ' width=' + window.innerWidth + ' scroll=' + root.scrollWidth + ' frames=' + frames
          + ' charts=' + charts + ' text=' + smallest.toFixed(1);
      // In a frame (the browser check sizes the page in an iframe, as a window cannot be narrower
      // than 500 px in headless Chromium), tell the parent.
      if (window.parent !== window) { window.parent.postMessage('bw-selftest:' + out.textContent, '*'); }
    })();
    """#
}
