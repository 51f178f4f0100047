// The recovery codes' page: print them, or copy them (one a line) into a password manager.
// Without JavaScript the buttons stay hidden; the browser's own Print prints the codes alone
// (static/css/admin.css, @media print).
(function () {
  "use strict";
  var bar = document.querySelector(".keep-codes");
  if (!bar) return;
  bar.hidden = false;
  bar.querySelector("[data-print-codes]").addEventListener("click", function () {
    window.print();
  });
  var copy = bar.querySelector("[data-copy-codes]");
  var said = bar.querySelector("[data-copied]");
  if (!navigator.clipboard) {
    copy.hidden = true;
    return;
  }
  copy.addEventListener("click", function () {
    var list = document.getElementById(copy.dataset.copyCodes);
    var codes = Array.prototype.map.call(list.querySelectorAll("code"), function (code) {
      return code.textContent.trim();
    });
    navigator.clipboard.writeText(codes.join("\n")).then(function () {
      said.hidden = false;
    });
  });
})();
