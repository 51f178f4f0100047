// The print version's "Print this page" button. Without JavaScript the button stays hidden and
// the browser's own Print command gives the same paper.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
