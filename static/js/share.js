// "Copy link" beside a page's address. Without JavaScript (or without the Clipboard API) the
// button stays hidden and the address stands in a read-only box, selected on focus, to copy by
// hand; the button only saves the selecting.
document.querySelectorAll("[data-copy-link]").forEach(function (button) {
  var box = document.getElementById(button.getAttribute("data-copy-link"));
  var status = document.getElementById(button.getAttribute("data-copy-status"));
  if (!box || !navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(box.value).then(
      function () {
        status.textContent = button.getAttribute("data-copied");
      },
      function () {
        box.select();
        status.textContent = button.getAttribute("data-copy-failed");
      }
    );
  });
});
document.querySelectorAll("[data-select-on-focus]").forEach(function (box) {
  box.addEventListener("focus", function () {
    box.select();
  });
});
