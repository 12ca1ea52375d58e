/* Filter the rows of a kg table page by folded words (accents, case and đ ignored). */
(function () {
  "use strict";
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("#kg-table tbody tr"));
  var keys = rows.map(function (r) { return fold(r.textContent); });
  var input = document.getElementById("kg-filter"), count = document.getElementById("kg-count");
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (r, i) {
      var ok = words.every(function (w) { return keys[i].indexOf(w) >= 0; });
      r.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + " / " + rows.length + " rows";
  });
})();
